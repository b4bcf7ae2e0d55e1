#ifndef CSIGNALPIPE_H
#define CSIGNALPIPE_H

/// Installs one handler for each of `numbers` that writes the signal's number as one byte to
/// `fd` (the write end of a pipe) and does nothing else, so a thread reading the pipe can react
/// in ordinary code. Whichever thread the kernel picks, the signal lands in the pipe.
/// Returns 0, or -1 with errno set when a handler cannot be installed.
int rbshell_forward_signals_to_pipe(int fd, const int *numbers, int count);

#endif
