/* The host terminal as the guest's serial console. */
#ifndef AVSIM_HOST_CONSOLE_H
#define AVSIM_HOST_CONSOLE_H

/*
 * When fd (the PL011's input) is a terminal, passes each keystroke to the guest
 * as a serial line would, as QEMU's -nographic does: no line editing, no local
 * echo (the guest echoes), Enter sends CR, no XON/XOFF. Ctrl-C, Ctrl-\ and Ctrl-Z
 * still signal avsim, which restores the terminal when it exits or is killed
 * by SIGINT, SIGTERM, SIGHUP or SIGQUIT. Does nothing for a pipe or a file.
 */
void host_console_init(int fd);

#endif
