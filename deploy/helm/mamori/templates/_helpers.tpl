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

{{/*
The namespaces the API server need not send: those every active policy excludes (globs cannot be a
selector value), and always the release namespace, so a webhook that is down can come back up.
The same rule as `mamori serve --print-webhook-config`, applied to the config this chart ships.
*/}}
{{- define "mamori.skipNamespaces" -}}
{{- $release := .Release.Namespace -}}
{{- $skip := list -}}
{{- range (default (list) .Values.config.excludedNamespaces) }}{{ if not (contains "*" .) }}{{ $skip = append $skip . }}{{ end }}{{ end -}}
{{- range $id, $p := (default (dict) .Values.config.policies) }}
{{- if and (kindIs "map" $p) (hasKey $p "excludedNamespaces") (ne (toString $p.effect) "Disabled") }}
{{- $own := default (list) $p.excludedNamespaces -}}
{{- $kept := list -}}
{{- range $skip }}{{ if has . $own }}{{ $kept = append $kept . }}{{ end }}{{ end -}}
{{- $skip = $kept -}}
{{- end }}
{{- end -}}
{{- toYaml (append $skip $release | uniq | sortAlpha) -}}
{{- end -}}
{{- define "mamori.podSecurityLabels" -}}
pod-security.kubernetes.io/enforce: {{ .Values.namespace.podSecurity.enforce }}
pod-security.kubernetes.io/enforce-version: {{ .Values.namespace.podSecurity.enforceVersion }}
pod-security.kubernetes.io/audit: {{ .Values.namespace.podSecurity.audit }}
pod-security.kubernetes.io/warn: {{ .Values.namespace.podSecurity.warn }}
{{- end -}}
