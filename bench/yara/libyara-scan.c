/* Minimal libyara driver for bench/yara-bench.sh: compile RULES, scan FILE with yr_rules_scan_file, count matching
   rules. Measures the library without the yara program's output (what a P/Invoke wrapper would cost). */
#include <stdio.h>
#include <yara.h>

static int matches = 0;

static int callback(YR_SCAN_CONTEXT *ctx, int message, void *data, void *user) {
    (void)ctx; (void)data; (void)user;
    if (message == CALLBACK_MSG_RULE_MATCHING) matches++;
    return CALLBACK_CONTINUE;
}

static void on_error(int level, const char *file, int line, const YR_RULE *rule, const char *msg, void *user) {
    (void)rule; (void)user;
    fprintf(stderr, "%s(%d): %s: %s\n", file ? file : "rules", line, level == YARA_ERROR_LEVEL_ERROR ? "error" : "warning", msg);
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: libyara-scan RULES FILE\n"); return 1; }
    YR_COMPILER *compiler; YR_RULES *rules;
    if (yr_initialize() != ERROR_SUCCESS || yr_compiler_create(&compiler) != ERROR_SUCCESS) return 1;
    yr_compiler_set_callback(compiler, on_error, NULL);
    FILE *f = fopen(argv[1], "r");
    if (!f || yr_compiler_add_file(compiler, f, NULL, argv[1]) != 0) return 2;
    if (yr_compiler_get_rules(compiler, &rules) != ERROR_SUCCESS) return 1;
    int rc = yr_rules_scan_file(rules, argv[2], 0, callback, NULL, 60);
    printf("rules matched: %d (scan rc %d)\n", matches, rc);
    yr_rules_destroy(rules); yr_compiler_destroy(compiler); yr_finalize();
    return rc == ERROR_SUCCESS ? 0 : 1;
}
