/* SHA-256 of input files and buffers (nettle), as lower-case hex for the Provenance sheet. */
#include "reports/rpt.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>
#include <nettle/version.h>

/* nettle 3.10 dropped the length argument of the digest functions. */
#if NETTLE_VERSION_MAJOR > 3 || (NETTLE_VERSION_MAJOR == 3 && NETTLE_VERSION_MINOR >= 10)
#define SHA256_FINISH(ctx, out) sha256_digest((ctx), (out))
#else
#define SHA256_FINISH(ctx, out) sha256_digest((ctx), SHA256_DIGEST_SIZE, (out))
#endif

static void to_hex(const uint8_t d[SHA256_DIGEST_SIZE], char out[65])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
        out[2 * i] = hex[d[i] >> 4];
        out[2 * i + 1] = hex[d[i] & 15];
    }
    out[64] = '\0';
}

void rpt_sha256_buffer(const void *data, size_t len, char out[65])
{
    struct sha256_ctx ctx;
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    if (len)
        sha256_update(&ctx, len, data);
    SHA256_FINISH(&ctx, d);
    to_hex(d, out);
}

core_status rpt_sha256_file(const char *path, char out[65], core_err *err)
{
    out[0] = '\0';
    FILE *f = fopen(path, "rb");
    if (!f)
        return core_err_set(err, CORE_ERR_IO, "cannot read '%s': %s", path, strerror(errno));
    struct sha256_ctx ctx;
    uint8_t d[SHA256_DIGEST_SIZE];
    static _Thread_local uint8_t chunk[1 << 16]; /* streamed: inputs may be large registry files */
    sha256_init(&ctx);
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        sha256_update(&ctx, got, chunk);
    if (ferror(f)) {
        int e = errno;
        fclose(f);
        return core_err_set(err, CORE_ERR_IO, "cannot read '%s': %s", path, e ? strerror(e) : "read error");
    }
    fclose(f);
    SHA256_FINISH(&ctx, d);
    to_hex(d, out);
    return CORE_OK;
}
