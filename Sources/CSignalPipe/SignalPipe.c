#include "CSignalPipe.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t pipe_fd = -1;

/// Async-signal-safe: one write(2), errno preserved.
static void forward(int number) {
  int saved = errno;
  unsigned char byte = (unsigned char)number;
  (void)!write(pipe_fd, &byte, 1);
  errno = saved;
}

int rbshell_forward_signals_to_pipe(int fd, const int *numbers, int count) {
  pipe_fd = fd;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = forward;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  for (int i = 0; i < count; i++) {
    if (sigaction(numbers[i], &action, NULL) != 0) return -1;
  }
  return 0;
}
