{{/* Names and labels shared by mamori's templates. */}}
{{- define "mamori.name" -}}mamori{{- end -}}
{{- define "mamori.labels" -}}
app.kubernetes.io/name: mamori
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}
{{- define "mamori.selector" -}}
app.kubernetes.io/name: mamori
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: webhook
{{- end -}}
{{- define "mamori.fullname" -}}{{ .Release.Name }}{{- end -}}
{{- define "mamori.tlsSecret" -}}
{{- if .Values.tls.existingSecret -}}{{ .Values.tls.existingSecret }}{{- else -}}{{ include "mamori.fullname" . }}-tls{{- end -}}
{{- end -}}
{{- define "mamori.image" -}}
{{- if .Values.image.digest -}}{{ .Values.image.repository }}@{{ .Values.image.digest }}{{- else -}}{{ .Values.image.repository }}:{{ .Values.image.tag }}{{- end -}}
{{- end -}}
