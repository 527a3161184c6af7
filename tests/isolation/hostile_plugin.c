/* Plugins that misbehave while they are scanned, one per HOSTILE_* mode, and a well-behaved one
 * (HOSTILE_NONE) that counts its register runs. Crashing and ending:
 *  SEGV      says so on stderr, dereferences NULL       ABORT    calls abort() in register
 *  EXIT3     calls exit(3) in register            EXIT0    calls exit(0) in register
 *  HANG      never returns from register          TERM     raises SIGTERM on itself
 *  CTOR      crashes in a library constructor, before any Seam code runs
 *  NOISY_SEGV prints to stdout and stderr, then dereferences NULL
 * Leaving the scanner in doubt, then registering as usual:
 *  CLOSEFDS  closes every descriptor              FORK     forks; the child returns into the
 * scanner FORKSTAY  forks a child that sleeps for minutes, holding the scanner's stdout and stderr
 *  SPAWN     starts /bin/sleep without waiting    THREAD   starts a thread that faults once another
 * library loads CHDIR     changes the working directory to /   SETENV   changes and removes
 * environment variables DUP2      replaces stdout and stderr           LEAKFD   leaves a file open
 *  SIGNALS   installs a SIGSEGV handler that exits 0 and blocks SIGUSR1
 *  GARBAGE   writes text to every descriptor from 3 to 1023 (the scanner's answers among them)
 *  NOISY     prints to stdout and stderr (its twin: NOISY_SEGV)
 *  FAKESTOP  writes "interrupted 15" to every descriptor from 3 to 1023, posing as a stop from
 *            outside so that its verdict would not be stored
 *  STEAL     reads one message from every socket descriptor from 3 to 1023 (the loader's next
 *            request to the scanner among them) and appends "stole: MESSAGE" to
 *            SEAM_TEST_SCAN_LOG for each
 * Registering a lot: MANY registers 100,000 backends (llm, many-N).
 * Looking around: PROBEFDS appends "socket FD cloexec=0|1" for every socket descriptor it has to
 *            SEAM_TEST_SCAN_LOG, then registers as usual.
 *  CHANGED   registers (llm, changed-b) instead of (llm, changed-a) when SEAM_TEST_VARIANT=b
 * When SEAM_TEST_SCAN_LOG names a file, every register run first appends the plugin name to it, so
 * a test can count scans. */
#define _GNU_SOURCE
#include <seam/seam.h>

#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

extern char** environ;

#ifndef HOSTILE_NAME
#error "HOSTILE_NAME must name the plugin"
#endif

static int register_runs;

static void note_scan(void) {
  const char* log = getenv("SEAM_TEST_SCAN_LOG");
  FILE* f;
  if (!log || !*log) return;
  f = fopen(log, "a");
  if (!f) return;
  fprintf(f, "%s\n", HOSTILE_NAME);
  fclose(f);
}

#ifdef HOSTILE_CTOR
__attribute__((constructor)) static void crash_on_load(void) {
  volatile int* nowhere = NULL;
  note_scan();
  *nowhere = 1;
}
#endif

static int32_t SEAM_CALL invoke(void* self, const char* request, const seam_event_sink* sink,
                                seam_error* error) {
  char event[64];
  int n = snprintf(event, sizeof event, "{\"register_runs\":%d}", register_runs);
  (void)self;
  (void)request;
  (void)error;
  return sink->emit(sink->ctx, event, (size_t)n) ? SEAM_E_CANCELLED : SEAM_OK;
}

static void SEAM_CALL destroy(void* self) {
  (void)self;
}

static const seam_worker_vtable vtable = {sizeof(seam_worker_vtable), 0, invoke, destroy};

static int32_t SEAM_CALL make_worker(const seam_make_worker_args* args, seam_worker* out,
                                     seam_error* error) {
  (void)args;
  (void)error;
  out->self = NULL;
  out->vtable = &vtable;
  return SEAM_OK;
}

#ifdef HOSTILE_THREAD
#include <link.h>

static int count_object(struct dl_phdr_info* info, size_t size, void* count) {
  (void)info;
  (void)size;
  ++*(int*)count;
  return 0;
}

static int loaded_objects(void) {
  int count = 0;
  dl_iterate_phdr(count_object, &count);
  return count;
}

/* Faults as soon as the process loads another library (the next plugin), for up to 10 s. */
static void* fault_later(void* arg) {
  volatile int* nowhere = NULL;
  int before = loaded_objects();
  time_t start = time(NULL);
  (void)arg;
  while (time(NULL) - start < 10) {
    if (loaded_objects() > before) *nowhere = 1;
    sched_yield();
  }
  return NULL;
}
#endif

#ifdef HOSTILE_SIGNALS
static void swallow(int sig) {
  (void)sig;
  _exit(0);
}
#endif

#if defined(HOSTILE_NOISY) || defined(HOSTILE_NOISY_SEGV)
static void make_noise(void) {
  int i;
  for (i = 0; i < 50; ++i) printf("noise line %d on stdout\n", i);
  fprintf(stderr, "hostile-noise: about to %s\n", HOSTILE_NAME);
}
#endif

/* Does what the mode names before registering; returns only when registering should follow. */
static void misbehave(void) {
#ifdef HOSTILE_SEGV
  {
    volatile int* nowhere = NULL;
    fprintf(stderr, "hostile: segv is about to crash\n");
    *nowhere = 1;
  }
#endif
#ifdef HOSTILE_ABORT
  abort();
#endif
#ifdef HOSTILE_EXIT3
  exit(3);
#endif
#ifdef HOSTILE_EXIT0
  exit(0);
#endif
#ifdef HOSTILE_TERM
  raise(SIGTERM);
#endif
#ifdef HOSTILE_HANG
  for (;;) {
  }
#endif
#if defined(HOSTILE_NOISY) || defined(HOSTILE_NOISY_SEGV)
  make_noise();
#endif
#ifdef HOSTILE_NOISY_SEGV
  fflush(stdout);
  {
    volatile int* nowhere = NULL;
    *nowhere = 1;
  }
#endif
#ifdef HOSTILE_CLOSEFDS
  {
    int fd;
    for (fd = 0; fd < 65536; ++fd) close(fd);
  }
#endif
#ifdef HOSTILE_FORK
  fork();
#endif
#ifdef HOSTILE_FORKSTAY
  if (fork() == 0) {
    sleep(300);
    _exit(0);
  }
#endif
#ifdef HOSTILE_SPAWN
  {
    pid_t pid;
    char* argv[] = {(char*)"sleep", (char*)"300", NULL};
    posix_spawn(&pid, "/bin/sleep", NULL, NULL, argv, environ);
  }
#endif
#ifdef HOSTILE_THREAD
  {
    pthread_t thread;
    pthread_create(&thread, NULL, fault_later, NULL);
  }
#endif
#ifdef HOSTILE_CHDIR
  if (chdir("/") != 0) abort();
#endif
#ifdef HOSTILE_SETENV
  setenv("SEAM_HOSTILE_WAS_HERE", "1", 1);
  unsetenv("HOME");
#endif
#ifdef HOSTILE_DUP2
  {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    close(null);
  }
#endif
#ifdef HOSTILE_PROBEFDS
  {
    const char* log = getenv("SEAM_TEST_SCAN_LOG");
    FILE* f = log && *log ? fopen(log, "a") : NULL;
    int fd;
    for (fd = 0; f != NULL && fd < 4096; ++fd) {
      struct stat st;
      if (fd != fileno(f) && fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode)) {
        fprintf(f, "socket %d cloexec=%d\n", fd, (fcntl(fd, F_GETFD) & FD_CLOEXEC) ? 1 : 0);
      }
    }
    if (f) fclose(f);
  }
#endif
#ifdef HOSTILE_STEAL
  {
    const char* log = getenv("SEAM_TEST_SCAN_LOG");
    FILE* f = log && *log ? fopen(log, "a") : NULL;
    char message[4096];
    int fd;
    for (fd = 3; fd < 1024; ++fd) {
      struct stat st;
      ssize_t n;
      if (f != NULL && fd == fileno(f)) continue;
      if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode)) continue;
      n = recv(fd, message, sizeof message - 1, MSG_DONTWAIT);
      if (n > 0 && f != NULL) fprintf(f, "stole: %.*s\n", (int)n, message);
    }
    if (f) fclose(f);
  }
#endif
#ifdef HOSTILE_LEAKFD
  (void)open("/dev/null", O_RDONLY);
#endif
#ifdef HOSTILE_SIGNALS
  {
    sigset_t set;
    signal(SIGSEGV, swallow);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
  }
#endif
#if defined(HOSTILE_GARBAGE) || defined(HOSTILE_FAKESTOP)
  {
#ifdef HOSTILE_GARBAGE
    static const char text[] = "record 0 0\nnot a record at all";
#else
    static const char text[] = "interrupted 15";
#endif
    int fd;
    for (fd = 3; fd < 1024; ++fd) {
      if (send(fd, text, sizeof text - 1, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
        ssize_t ignored = write(fd, text, 0);
        (void)ignored;
      }
    }
  }
#endif
}

static int32_t SEAM_CALL register_plugin(const seam_registrar* r) {
  seam_backend_def def;
  const char* sdk = HOSTILE_NAME;
  note_scan();
  __atomic_fetch_add(&register_runs, 1, __ATOMIC_SEQ_CST);
  misbehave();
#ifdef HOSTILE_CHANGED
  {
    const char* variant = getenv("SEAM_TEST_VARIANT");
    sdk = variant && strcmp(variant, "b") == 0 ? "changed-b" : "changed-a";
  }
#endif
  memset(&def, 0, sizeof def);
  def.struct_size = sizeof def;
  def.family = "llm";
  def.sdk = sdk;
  def.make_worker = make_worker;
#ifdef HOSTILE_MANY
  {
    static char sdks[100000][16];
    int i;
    for (i = 0; i < 100000; ++i) {
      int32_t status;
      snprintf(sdks[i], sizeof sdks[i], "many-%d", i);
      def.sdk = sdks[i];
      status = r->add_inference_backend(r, &def);
      if (status != SEAM_OK) return status;
    }
    return SEAM_OK;
  }
#endif
  return r->add_inference_backend(r, &def);
}

static const seam_plugin_descriptor descriptor = {sizeof(seam_plugin_descriptor),
                                                  SEAM_API_VERSION,
                                                  HOSTILE_NAME,
                                                  "0.1.0",
                                                  "A plugin that misbehaves while it is scanned.",
                                                  "Seam tests",
                                                  NULL,
                                                  register_plugin};

SEAM_PLUGIN(&descriptor)
