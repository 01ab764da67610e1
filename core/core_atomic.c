/* Atomic output files: temp file in the same directory + rename; pending temp files are removed
 * when SIGINT/SIGTERM/SIGHUP end the run. */
#include "core/core_atomic.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/core_text.h"

/* ---------- pending temporary files, for the signal handler ----------
 * The one piece of process-wide state in core/: a signal handler can reach nothing else. A slot
 * is filled (path copied) before it is marked used, and marked unused before it is reused, with
 * the signals blocked meanwhile, so the handler only ever sees complete paths. unlink() is
 * async-signal-safe (POSIX.1-2008, 2.4.3). A full table only means that file is not cleaned up
 * on a signal; the write itself is unaffected. */
#define PENDING_MAX 32
static char pending_path[PENDING_MAX][PATH_MAX];
static volatile sig_atomic_t pending_used[PENDING_MAX];
static const int caught_signals[] = {SIGINT, SIGTERM, SIGHUP};

static void block_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < sizeof caught_signals / sizeof caught_signals[0]; i++)
        sigaddset(&set, caught_signals[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

static void restore_signals(const sigset_t *old)
{
    sigprocmask(SIG_SETMASK, old, NULL);
}

/* Call with the signals blocked. */
static void pending_add(core_atomic *a)
{
    a->slot = 0;
    if (strlen(a->tmp_path) >= PATH_MAX)
        return;
    for (int i = 0; i < PENDING_MAX; i++)
        if (!pending_used[i]) {
            strcpy(pending_path[i], a->tmp_path);
            pending_used[i] = 1;
            a->slot = i + 1;
            return;
        }
}

/* Call with the signals blocked. */
static void pending_remove(core_atomic *a)
{
    if (a->slot > 0 && a->slot <= PENDING_MAX)
        pending_used[a->slot - 1] = 0;
    a->slot = 0;
}

static void on_signal(int sig)
{
    int saved = errno;
    for (int i = 0; i < PENDING_MAX; i++)
        if (pending_used[i])
            unlink(pending_path[i]);
    errno = saved;
    /* SA_RESETHAND restored the default action: this ends the process as the signal would have */
    raise(sig);
}

void core_atomic_catch_signals(void)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof caught_signals / sizeof caught_signals[0]; i++)
        sigaddset(&sa.sa_mask, caught_signals[i]);
    for (size_t i = 0; i < sizeof caught_signals / sizeof caught_signals[0]; i++) {
        if (sigaction(caught_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue; /* ignored by whoever started us (nohup, background job): keep it so */
        sigaction(caught_signals[i], &sa, NULL);
    }
}

/* ---------- an earlier killed run: its commit journal and temporary files ----------
 * Temporary files are named ".BASE.PID.XXXXXX" beside the output BASE. A commit of several outputs first
 * writes a journal ".BASE.PID.commit" beside each of them (so that a run naming any one of the outputs finds
 * it), each listing every temporary file with its destination and every journal, and ending "end"; then it
 * renames, then removes the journals. The commit is decided when the last journal is complete: a journal
 * decides it only when it and every journal it lists end with "end". So a run killed before that point
 * leaves the old pair (its temporary files and any journal are removed by the next run), and a run killed
 * after it leaves a decided commit that the next run naming one of those outputs finishes (every listed
 * temporary file still present is renamed into place: they were complete and synced before the first
 * journal was written), so the pair becomes the new pair. Journals are removed only after every rename, so a
 * decided commit whose journals are partly gone has nothing left to rename. Then the next run removes the
 * temporary files of dead runs. Only files of those name patterns, owned by this user, whose run (PID) no
 * longer exists, are touched. */

/* "<digits>.<rest>" after prefix: the PID (> 0) and *rest; 0 when name does not match. */
static long name_pid(const char *name, const char *prefix, const char **rest)
{
    size_t pl = strlen(prefix);
    if (strncmp(name, prefix, pl) != 0)
        return 0;
    const char *q = name + pl;
    long pid = 0;
    int nd = 0;
    while (isdigit((unsigned char)*q) && nd < 10)
        pid = pid * 10 + (*q++ - '0'), nd++;
    if (nd == 0 || *q != '.' || pid <= 0)
        return 0;
    *rest = q + 1;
    return pid;
}

static int pid_dead(long pid)
{
    return pid != (long)getpid() && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

static int ours(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_uid == geteuid();
}

/* The entries of a journal: its temporary files and destinations, and the journals of the commit. Returns 1
 * when the journal is complete (its last line "end"), 0 when not (or unreadable). */
typedef char pathbuf[PATH_MAX];
static int read_journal(const char *jpath, pathbuf *tmp, pathbuf *dst, size_t *n, pathbuf *jr, size_t *nj)
{
    FILE *f = fopen(jpath, "r");
    if (!f)
        return 0;
    char line[2 * PATH_MAX + 8];
    int complete = 0, header = 0;
    *n = *nj = 0;
    while (fgets(line, sizeof line, f)) {
        size_t l = strlen(line);
        if (l == 0 || line[l - 1] != '\n')
            break;
        line[--l] = '\0';
        if (!header) {
            header = strcmp(line, "ipseval-commit 1") == 0;
            if (!header)
                break;
        } else if (strcmp(line, "end") == 0) {
            complete = 1;
            break;
        } else if (line[0] == 'R' && line[1] == '\t' && *n < PENDING_MAX) {
            char *t2 = strchr(line + 2, '\t');
            if (!t2)
                break;
            *t2 = '\0';
            if (strlen(line + 2) >= PATH_MAX || strlen(t2 + 1) >= PATH_MAX)
                break;
            if (tmp) {
                memcpy(tmp[*n], line + 2, strlen(line + 2) + 1);
                memcpy(dst[*n], t2 + 1, strlen(t2 + 1) + 1);
            }
            (*n)++;
        } else if (line[0] == 'J' && line[1] == '\t' && *nj < PENDING_MAX) {
            if (strlen(line + 2) >= PATH_MAX)
                break;
            if (jr)
                memcpy(jr[*nj], line + 2, strlen(line + 2) + 1);
            (*nj)++;
        } else {
            break;
        }
    }
    fclose(f);
    return complete;
}

/* Finish the commit a journal describes when it is decided (it and every journal it lists complete); otherwise
 * the commit never began: remove its temporary files. Then remove every journal of the commit. */
static void replay_journal(const char *jpath)
{
    pathbuf *tmp = calloc(PENDING_MAX, PATH_MAX), *dst = calloc(PENDING_MAX, PATH_MAX),
            *jr = calloc(PENDING_MAX, PATH_MAX);
    size_t n = 0, nj = 0, n2, nj2;
    if (tmp && dst && jr) {
        int decided = read_journal(jpath, tmp, dst, &n, jr, &nj);
        for (size_t i = 0; decided && i < nj; i++)
            decided = read_journal(jr[i], NULL, NULL, &n2, NULL, &nj2);
        for (size_t i = 0; i < n; i++) {
            struct stat sb;
            if (!ours(tmp[i]))
                continue;
            if (!decided)
                unlink(tmp[i]);
            else if (stat(dst[i], &sb) != 0 || S_ISREG(sb.st_mode))
                rename(tmp[i], dst[i]);
        }
        /* the other journals first: while this one exists, a kill here is repaired by the next run */
        for (size_t i = 0; i < nj; i++)
            if (strcmp(jr[i], jpath) != 0 && ours(jr[i]))
                unlink(jr[i]);
    }
    unlink(jpath);
    free(tmp);
    free(dst);
    free(jr);
}

void core_atomic_recover(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!*base)
        return;
    char dir[PATH_MAX], prefix[NAME_MAX + 3];
    snprintf(dir, sizeof dir, "%.*s", (int)(slash ? (slash > path ? slash - path : 1) : 1), slash ? path : ".");
    if (snprintf(prefix, sizeof prefix, ".%s.", base) >= (int)sizeof prefix)
        return;
    for (int pass = 0; pass < 2; pass++) { /* journals first: they may name temporary files to keep */
        DIR *d = opendir(dir);
        if (!d)
            return;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            const char *rest;
            long pid = name_pid(e->d_name, prefix, &rest);
            if (!pid)
                continue;
            int journal = strcmp(rest, "commit") == 0;
            int temp = strlen(rest) == 6;
            for (const char *q = rest; temp && *q; q++)
                temp = isalnum((unsigned char)*q);
            if (!(pass == 0 ? journal : temp))
                continue;
            char full[PATH_MAX];
            if (snprintf(full, sizeof full, "%s/%s", dir, e->d_name) >= (int)sizeof full || !ours(full) ||
                !pid_dead(pid))
                continue;
            if (journal)
                replay_journal(full);
            else
                unlink(full);
        }
        closedir(d);
    }
}

static core_status make_tmp(core_atomic *a, const char *path, core_err *err)
{
    memset(a, 0, sizeof *a);
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path) : 0;
    const char *base = slash ? slash + 1 : path;
    if (!*base)
        return core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': the path names a directory, not a file", path);
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%.*s", (int)(slash ? (dl ? dl : 1) : 1), slash ? path : ".");
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': directory '%s' does not exist", path, dir);
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
        return core_err_set(err, CORE_ERR_OUTPUT,
                            "cannot write '%s': it is %s; ipseval writes its outputs only as regular files (for the "
                            "results on standard output, use --results -)",
                            path,
                            S_ISDIR(sb.st_mode)    ? "a directory"
                            : S_ISCHR(sb.st_mode)  ? "a character device"
                            : S_ISBLK(sb.st_mode)  ? "a block device"
                            : S_ISFIFO(sb.st_mode) ? "a FIFO (named pipe)"
                            : S_ISSOCK(sb.st_mode) ? "a socket"
                                                   : "not a regular file");
    core_atomic_recover(path);
    size_t n = strlen(path) + 40;
    a->path = strdup(path);
    a->tmp_path = malloc(n);
    if (!a->path || !a->tmp_path) {
        core_atomic_abort(a);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    snprintf(a->tmp_path, n, "%.*s%s.%s.%ld.XXXXXX", (int)dl, path, slash ? "/" : "", base, (long)getpid());
    sigset_t old;
    block_signals(&old);
    int fd = mkstemp(a->tmp_path);
    if (fd >= 0)
        pending_add(a);
    restore_signals(&old);
    if (fd < 0) {
        int e = errno;
        free(a->tmp_path);
        a->tmp_path = NULL;
        core_atomic_abort(a);
        return core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': %s", path, strerror(e));
    }
    /* mkstemp creates 0600: give the file the mode of the file it replaces, or 0666 minus the
     * umask for a new one, as fopen would. (umask can only be read by setting it.) */
    mode_t mode;
    if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
        mode = sb.st_mode & 07777;
    else {
        mode_t um = umask(077);
        umask(um);
        mode = 0666 & ~um;
    }
    if (fchmod(fd, mode) != 0) {
        int e = errno;
        close(fd);
        core_atomic_abort(a);
        return core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': %s", path, strerror(e));
    }
    a->f = fdopen(fd, "wb");
    if (!a->f) {
        close(fd);
        core_atomic_abort(a);
        return core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': %s", path, strerror(errno));
    }
    return CORE_OK;
}

core_status core_atomic_begin(core_atomic *a, const char *path, core_err *err)
{
    return make_tmp(a, path, err);
}

core_status core_atomic_begin_name(core_atomic *a, const char *path, core_err *err)
{
    core_status st = make_tmp(a, path, err);
    if (st == CORE_OK) {
        fclose(a->f);
        a->f = NULL;
    }
    return st;
}

/* Flush, sync and close the temporary file; on failure set err and abort. */
static core_status sync_tmp(core_atomic *a, core_err *err)
{
    int bad, e;
    if (a->f) {
        bad = fflush(a->f) != 0 || ferror(a->f);
        if (!bad)
            bad = fsync(fileno(a->f)) != 0;
        e = errno;
        if (fclose(a->f) != 0 && !bad) {
            bad = 1;
            e = errno;
        }
        a->f = NULL;
        if (bad && e == 0)
            e = EIO; /* ferror() without errno: a write failed earlier */
    } else {
        /* written by name (libxlsxwriter): make it durable before it replaces the old file */
        int fd = open(a->tmp_path, O_RDONLY);
        bad = fd < 0 || fsync(fd) != 0;
        e = errno;
        if (fd >= 0)
            close(fd);
    }
    if (bad) {
        core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': %s", a->path, strerror(e));
        core_atomic_abort(a);
        return CORE_ERR_OUTPUT;
    }
    return CORE_OK;
}

/* best effort: make the rename itself durable */
static void sync_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)((slash - path) ? (slash - path) : 1) : 1, slash ? path : ".");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
}

/* The commit journal beside every staged output (see core_atomic_recover): complete ("end") and synced
 * before the first rename. Returns the journals' paths (one per entry, "" where none), or NULL when they
 * cannot be written (then nothing is renamed: without a journal a kill between renames could not be repaired). */
static char (*write_journals(core_atomic *const *a, size_t n))[PATH_MAX]
{
    char (*jp)[PATH_MAX] = calloc(n, PATH_MAX);
    char (*abs_tmp)[PATH_MAX] = calloc(n, PATH_MAX);
    char (*abs_dst)[PATH_MAX] = calloc(n, PATH_MAX);
    int ok = jp && abs_tmp && abs_dst;
    if (!ok)
        errno = ENOMEM; /* reported as out of memory, not as a file that cannot be written */
    for (size_t i = 0; ok && i < n; i++) {
        if (!a[i] || !a[i]->tmp_path)
            continue;
        const char *slash = strrchr(a[i]->path, '/');
        const char *base = slash ? slash + 1 : a[i]->path;
        char dir[PATH_MAX], rdir[PATH_MAX];
        snprintf(dir, sizeof dir, "%.*s", (int)(slash ? (slash > a[i]->path ? slash - a[i]->path : 1) : 1),
                 slash ? a[i]->path : ".");
        const char *tb = strrchr(a[i]->tmp_path, '/');
        tb = tb ? tb + 1 : a[i]->tmp_path;
        ok = realpath(dir, rdir) != NULL &&
             snprintf(abs_dst[i], PATH_MAX, "%s/%s", strcmp(rdir, "/") ? rdir : "", base) < PATH_MAX &&
             snprintf(abs_tmp[i], PATH_MAX, "%s/%s", strcmp(rdir, "/") ? rdir : "", tb) < PATH_MAX &&
             snprintf(jp[i], PATH_MAX, "%s/.%s.%ld.commit", strcmp(rdir, "/") ? rdir : "", base, (long)getpid()) <
                 PATH_MAX;
    }
    for (size_t i = 0; ok && i < n; i++) {
        if (!jp[i][0])
            continue;
        int fd = open(jp[i], O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
        if (!f) {
            if (fd >= 0)
                close(fd);
            jp[i][0] = '\0';
            ok = 0;
            break;
        }
        fputs("ipseval-commit 1\n", f);
        for (size_t k = 0; k < n; k++)
            if (abs_tmp[k][0])
                fprintf(f, "R\t%s\t%s\n", abs_tmp[k], abs_dst[k]);
        for (size_t k = 0; k < n; k++)
            if (jp[k][0])
                fprintf(f, "J\t%s\n", jp[k]);
        fputs("end\n", f);
        ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
        ok = (fclose(f) == 0) && ok;
    }
    free(abs_tmp);
    free(abs_dst);
    if (!ok && jp) {
        int e = errno;
        for (size_t i = 0; i < n; i++)
            if (jp[i][0])
                unlink(jp[i]);
        free(jp);
        errno = e;
        return NULL;
    }
    return jp;
}

core_status core_atomic_commit_all(core_atomic *const *a, size_t n, core_err *err)
{
    core_status st = CORE_OK;
    for (size_t i = 0; i < n && st == CORE_OK; i++) { /* phase 1: every file complete and on disk, or none replaced */
        if (a[i] && !a[i]->tmp_path)
            st = core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': nothing was staged for it",
                              a[i]->path ? a[i]->path : "(unnamed)");
        else if (a[i])
            st = sync_tmp(a[i], err);
    }
    if (st != CORE_OK) {
        for (size_t i = 0; i < n; i++)
            if (a[i])
                core_atomic_abort(a[i]);
        return st;
    }
    sigset_t old;
    block_signals(&old); /* phase 2: the journal and the renames, not split by an interrupt */
    char (*jpath)[PATH_MAX] = NULL;
    size_t n_staged = 0;
    for (size_t i = 0; i < n; i++)
        n_staged += a[i] && a[i]->tmp_path;
    if (n_staged > 1) { /* several outputs: the journal decides the commit, so a kill between renames is finished */
        errno = 0;
        if (n_staged <= PENDING_MAX && !(jpath = write_journals(a, n)) && errno == ENOMEM)
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory while writing the commit journal beside '%s'; "
                              "nothing was replaced", a[0] ? a[0]->path : a[1]->path);
        else if (n_staged > PENDING_MAX || !jpath) {
            int e = errno;
            st = core_err_set(err, CORE_ERR_OUTPUT, "cannot write the commit journal beside '%s': %s; nothing was "
                              "replaced", a[0] ? a[0]->path : a[1]->path, n_staged > PENDING_MAX ? "too many files" :
                              strerror(e ? e : EIO));
        }
    }
    const char *done = NULL; /* the first output already replaced */
    for (size_t i = 0; i < n; i++) {
        if (!a[i] || !a[i]->tmp_path)
            continue;
        if (st == CORE_OK && rename(a[i]->tmp_path, a[i]->path) != 0) {
            int e = errno;
            if (done) /* half committed: keep the journal and the staged files, so the next run finishes it */
                st = core_err_set(err, CORE_ERR_OUTPUT,
                                  "cannot write '%s': %s; '%s' was already replaced: the next run naming these "
                                  "outputs finishes the commit (its journal and staged files are kept)",
                                  a[i]->path, strerror(e), done);
            else
                st = core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': %s", a[i]->path, strerror(e));
        } else if (st == CORE_OK) {
            pending_remove(a[i]);
            free(a[i]->tmp_path);
            a[i]->tmp_path = NULL;
            done = done ? done : a[i]->path;
            continue;
        }
        if (done) { /* a staged file the journal names: not removed, not listed for the signal handler */
            pending_remove(a[i]);
            free(a[i]->tmp_path);
            a[i]->tmp_path = NULL;
        }
        core_atomic_abort(a[i]);
    }
    for (size_t i = 0; jpath && i < n; i++)
        if (jpath[i][0] && !(st != CORE_OK && done))
            unlink(jpath[i]);
    free(jpath);
    restore_signals(&old);
    for (size_t i = 0; i < n; i++) {
        if (!a[i] || !a[i]->path)
            continue;
        if (st == CORE_OK)
            sync_dir(a[i]->path);
        free(a[i]->path);
        a[i]->path = NULL;
    }
    return st;
}

core_status core_atomic_commit(core_atomic *a, core_err *err)
{
    core_atomic *one[1] = {a};
    return core_atomic_commit_all(one, 1, err);
}

void core_atomic_abort(core_atomic *a)
{
    if (a->f) {
        fclose(a->f);
        a->f = NULL;
    }
    if (a->tmp_path) {
        sigset_t old;
        block_signals(&old);
        unlink(a->tmp_path);
        pending_remove(a);
        restore_signals(&old);
        free(a->tmp_path);
        a->tmp_path = NULL;
    }
    free(a->path);
    a->path = NULL;
}

int core_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    char ra[PATH_MAX], rb[PATH_MAX];
    if (realpath(a, ra) && realpath(b, rb))
        return strcmp(ra, rb) == 0;
    return strcmp(a, b) == 0;
}

static void write_table(FILE *f, const core_table *t)
{
    for (size_t j = 0; j < t->n_cols; j++) {
        if (j)
            fputc(',', f);
        core_csv_put_field(f, t->cols[j].name, 0);
    }
    fputc('\n', f);
    char buf[512];
    for (size_t i = 0; i < t->n_rows; i++) {
        for (size_t j = 0; j < t->n_cols; j++) {
            if (j)
                fputc(',', f);
            core_csv_put_field(f, core_cell_text(t, j, i, buf, sizeof buf), 0);
        }
        fputc('\n', f);
    }
}

core_status core_table_write_csv(const core_table *t, const char *path, core_err *err)
{
    core_atomic a;
    core_status st = core_atomic_begin(&a, path, err);
    if (st != CORE_OK)
        return st;
    write_table(a.f, t);
    return core_atomic_commit(&a, err);
}

core_status core_table_write_synthetic(const core_table *t, const char *path, const char *note, int force,
                                       core_err *err)
{
    struct stat sb;
    if (!force && lstat(path, &sb) == 0)
        return core_err_set(err, CORE_ERR_OUTPUT,
                            "cannot write '%s': it exists, and generated data never replace a file that may hold real "
                            "data; choose another output (-o FILE), or pass --force to replace it",
                            path);
    size_t cl = strlen(path) + sizeof ".synthetic.txt";
    char *comp = malloc(cl);
    if (!comp)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    snprintf(comp, cl, "%s.synthetic.txt", path);
    core_atomic a, b;
    core_status st = core_atomic_begin(&a, path, err);
    if (st != CORE_OK) {
        free(comp);
        return st;
    }
    if ((st = core_atomic_begin(&b, comp, err)) != CORE_OK) {
        core_atomic_abort(&a);
        free(comp);
        return st;
    }
    free(comp);
    write_table(a.f, t);
    const char *slash = strrchr(path, '/');
    fprintf(b.f,
            "SYNTHETIC DATA. %s was generated by ipseval simulate%s%s: every row is made up, none is an observation "
            "of a real person.\nipseval run warns when it reads this file without [project] synthetic = yes, and the "
            "workbook marks synthetic data on every page that matters.\n",
            slash ? slash + 1 : path, note && *note ? " " : "", note ? note : "");
    return core_atomic_commit_all((core_atomic *[]){&a, &b}, 2, err);
}

core_status core_atomic_make_parent(const char *path, int *made, core_err *err)
{
    *made = 0;
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return CORE_OK; /* the working directory or the root */
    char dir[PATH_MAX];
    size_t dl = (size_t)(slash - path);
    if (dl >= sizeof dir)
        return core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': the folder name is too long", path);
    memcpy(dir, path, dl);
    dir[dl] = '\0';
    struct stat sb;
    if (stat(dir, &sb) == 0) {
        if (S_ISDIR(sb.st_mode))
            return CORE_OK;
        return core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': '%s' is a file, not a folder", path, dir);
    }
    /* make each missing component from the top down */
    for (size_t i = 1; i <= dl; i++) {
        if (dir[i] != '/' && dir[i] != '\0')
            continue;
        char c = dir[i];
        dir[i] = '\0';
        if (stat(dir, &sb) != 0) {
            if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
                int e = errno;
                return core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': cannot create the folder '%s': %s", path,
                                    dir, strerror(e));
            }
            *made = 1;
        } else if (!S_ISDIR(sb.st_mode)) {
            return core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': '%s' is a file, not a folder", path, dir);
        }
        dir[i] = c;
    }
    return CORE_OK;
}
