/* bench/replicate.c: the 10^8 person-year panel of bench/did.sh from the 10^7 one. Writes the header of IN and
 * then COPIES copies of its data rows, the first field (the person id, a whole number) shifted by
 * k * SHIFT in copy k: `replicate IN OUT COPIES SHIFT`. The rows of a person stay together and in order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: replicate IN OUT COPIES SHIFT\n");
        return 2;
    }
    long copies = atol(argv[3]), shift = atol(argv[4]);
    FILE *out = fopen(argv[2], "wb");
    if (!out) {
        perror(argv[2]);
        return 1;
    }
    static char line[1 << 16];
    for (long k = 0; k < copies; k++) {
        FILE *in = fopen(argv[1], "rb");
        if (!in) {
            perror(argv[1]);
            return 1;
        }
        int header = 1;
        while (fgets(line, sizeof line, in)) {
            if (header) {
                header = 0;
                if (k == 0)
                    fputs(line, out);
                continue;
            }
            char *comma = strchr(line, ',');
            if (!comma) {
                fprintf(stderr, "replicate: a line without a comma\n");
                return 1;
            }
            fprintf(out, "%ld%s", strtol(line, NULL, 10) + k * shift, comma);
        }
        fclose(in);
    }
    if (fclose(out) != 0) {
        perror(argv[2]);
        return 1;
    }
    return 0;
}
