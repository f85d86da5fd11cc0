/*
 * peak_rss MAX_MIB COMMAND [ARG...]: runs COMMAND and passes (exit status 0) when it exits with
 * status 0 and its peak resident set size, as the kernel accounts it for the reaped child
 * (getrusage ru_maxrss), is at most MAX_MIB MiB. Prints the peak either way.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s MAX_MIB COMMAND [ARG...]\n", argv[0]);
        return 2;
    }
    char *end;
    errno = 0;
    unsigned long long max_mib = strtoull(argv[1], &end, 10);
    if (errno || end == argv[1] || *end || max_mib == 0) {
        fprintf(stderr, "%s: bad limit '%s' (a number of MiB)\n", argv[0], argv[1]);
        return 2;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid) {
        perror("wait4");
        return 2;
    }
    unsigned long long peak_kib = (unsigned long long)ru.ru_maxrss;
    printf("peak resident set size: %llu MiB (limit %llu MiB)\n", peak_kib >> 10, max_mib);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        printf("FAILED: the command did not exit with status 0\n");
        return 1;
    }
    if (peak_kib > max_mib << 10) {
        printf("FAILED: peak above the limit\n");
        return 1;
    }
    return 0;
}
