/* Raw host terminal for the PL011 console (POSIX termios). */
#include "machine/host_console.h"

#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved;
static int saved_fd = -1;

static void restore(void)
{
    tcsetattr(saved_fd, TCSANOW, &saved);
}

/* Restores the terminal (tcsetattr is async-signal-safe), then dies of the signal. */
static void on_signal(int sig)
{
    restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

void host_console_init(int fd)
{
    struct termios raw;
    if (saved_fd >= 0 || !isatty(fd) || tcgetattr(fd, &saved) != 0) return;
    raw = saved;
    raw.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IGNCR | ISTRIP | IXON);
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ECHONL | IEXTEN);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    if (tcsetattr(fd, TCSANOW, &raw) != 0) return;
    saved_fd = fd;
    atexit(restore);
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old, sa = {.sa_handler = on_signal};
        sigemptyset(&sa.sa_mask);
        /* A signal the parent had ignored (e.g. SIGHUP under nohup) stays ignored. */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
    }
}
