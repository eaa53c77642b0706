/* Loads a seccomp filter described by a small text file (written by the kernel tests from a mamori profile) and execs a command, as runc does at container start.
 * File lines: "default ACTION [ERRNO]", "arch NAME", "rule ACTION [ERRNO] SYSCALL". ACTION: ALLOW ERRNO LOG KILL KILL_PROCESS. */
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

static uint32_t action(const char *a, int err) {
  if (!strcmp(a, "ALLOW")) return SCMP_ACT_ALLOW;
  if (!strcmp(a, "ERRNO")) return SCMP_ACT_ERRNO(err);
  if (!strcmp(a, "LOG")) return SCMP_ACT_LOG;
  if (!strcmp(a, "KILL")) return SCMP_ACT_KILL;
  if (!strcmp(a, "KILL_PROCESS")) return SCMP_ACT_KILL_PROCESS;
  fprintf(stderr, "seccomp-run: unknown action %s\n", a);
  exit(125);
}

int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: seccomp-run FILTER CMD [ARGS...]\n"); return 125; }
  FILE *f = fopen(argv[1], "r");
  if (!f) { perror(argv[1]); return 125; }
  char line[512], a[64], b[256];
  int err = 1;
  scmp_filter_ctx ctx = NULL;
  uint32_t def = 0;
  while (fgets(line, sizeof line, f)) {
    if (sscanf(line, "default %63s %d", a, &err) >= 1) {
      def = action(a, err);
      ctx = seccomp_init(def);
      if (!ctx) { fprintf(stderr, "seccomp-run: seccomp_init failed\n"); return 125; }
      /* runc sets the log flag only when asked; keep libseccomp defaults otherwise */
    } else if (ctx && sscanf(line, "arch %255s", b) == 1) {
      uint32_t arch = seccomp_arch_resolve_name(b);
      if (!arch) { fprintf(stderr, "seccomp-run: unknown arch %s\n", b); return 125; }
      int rc = seccomp_arch_add(ctx, arch);
      if (rc && rc != -EEXIST) { fprintf(stderr, "seccomp-run: arch %s: %s\n", b, strerror(-rc)); return 125; }
    } else if (ctx) {
      int n = sscanf(line, "rule %63s %d %255s", a, &err, b);
      if (n != 3) { n = sscanf(line, "rule %63s %255s", a, b); err = 1; if (n != 2) continue; }
      int nr = seccomp_syscall_resolve_name(b);
      if (nr == __NR_SCMP_ERROR) { fprintf(stderr, "seccomp-run: unknown syscall %s skipped (as runc does)\n", b); continue; }
      uint32_t act = action(a, err);
      if (act == def) continue; /* runc skips rules equal to the default */
      int rc = seccomp_rule_add(ctx, act, nr, 0);
      if (rc) { fprintf(stderr, "seccomp-run: rule %s: %s\n", b, strerror(-rc)); return 125; }
    }
  }
  fclose(f);
  if (!ctx) { fprintf(stderr, "seccomp-run: no default line\n"); return 125; }
  int rc = seccomp_load(ctx);
  if (rc) { fprintf(stderr, "seccomp-run: load: %s\n", strerror(-rc)); return 125; }
  execv(argv[2], argv + 2);
  fprintf(stderr, "seccomp-run: exec %s: %s\n", argv[2], strerror(errno));
  return 126;
}
