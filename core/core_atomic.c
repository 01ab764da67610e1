/* Atomic output files: temp file in the same directory + rename. */
#include "core_atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': it is a directory", path);
    size_t n = strlen(path) + 16;
    a->path = strdup(path);
    a->tmp_path = malloc(n);
    if (!a->path || !a->tmp_path) {
        core_atomic_abort(a);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    snprintf(a->tmp_path, n, "%.*s%s.%s.XXXXXX", (int)dl, path, slash ? "/" : "", base);
    int fd = mkstemp(a->tmp_path);
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

core_status core_atomic_commit(core_atomic *a, core_err *err)
{
    if (a->f) {
        int bad = fflush(a->f) != 0 || ferror(a->f);
        if (!bad)
            bad = fsync(fileno(a->f)) != 0;
        int e = errno;
        if (fclose(a->f) != 0 && !bad) {
            bad = 1;
            e = errno;
        }
        a->f = NULL;
        if (bad) {
            core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': %s", a->path, strerror(e));
            core_atomic_abort(a);
            return CORE_ERR_OUTPUT;
        }
    }
    else {
        /* written by name (libxlsxwriter): make it durable before it replaces the old file */
        int fd = open(a->tmp_path, O_RDONLY);
        int bad = fd < 0 || fsync(fd) != 0;
        int e = errno;
        if (fd >= 0)
            close(fd);
        if (bad) {
            core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': %s", a->path, strerror(e));
            core_atomic_abort(a);
            return CORE_ERR_OUTPUT;
        }
    }
    if (rename(a->tmp_path, a->path) != 0) {
        core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': %s", a->path, strerror(errno));
        core_atomic_abort(a);
        return CORE_ERR_OUTPUT;
    }
    /* best effort: make the rename itself durable */
    char *slash = strrchr(a->path, '/');
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - a->path ? slash - a->path : 1) : 1,
             slash ? a->path : ".");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    free(a->tmp_path);
    a->tmp_path = NULL;
    free(a->path);
    a->path = NULL;
    return CORE_OK;
}

void core_atomic_abort(core_atomic *a)
{
    if (a->f) {
        fclose(a->f);
        a->f = NULL;
    }
    if (a->tmp_path) {
        unlink(a->tmp_path);
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

static void put_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

core_status core_table_write_csv(const core_table *t, const char *path, core_err *err)
{
    core_atomic a;
    core_status st = core_atomic_begin(&a, path, err);
    if (st != CORE_OK)
        return st;
    for (size_t j = 0; j < t->n_cols; j++) {
        if (j)
            fputc(',', a.f);
        put_field(a.f, t->cols[j].name);
    }
    fputc('\n', a.f);
    char buf[512];
    for (size_t i = 0; i < t->n_rows; i++) {
        for (size_t j = 0; j < t->n_cols; j++) {
            if (j)
                fputc(',', a.f);
            put_field(a.f, core_cell_text(t, j, i, buf, sizeof buf));
        }
        fputc('\n', a.f);
    }
    return core_atomic_commit(&a, err);
}
