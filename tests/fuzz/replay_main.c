/* The corpus of a fuzz target replayed without libFuzzer: each file named
 * (or each file of each directory named) is given to the target once, in
 * an exactly sized allocation, so that a build with ASan and UBSan finds
 * what the inputs found before. make test runs it over tests/fuzz/corpus.
 *
 *   replay_<target> FILE|DIR...
 *
 * Prints "replayed N inputs"; exit status 0, 1 when a file cannot be
 * read (a finding aborts the process). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long len;

	if (!f || fseek(f, 0, SEEK_END) < 0 || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) < 0) {
		perror(path);
		if (f)
			fclose(f);
		return -1;
	}
	buf = malloc(len ? (size_t)len : 1);
	if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
		perror(path);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)len);
	free(buf);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_dir(const char *dir, unsigned long *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t count = 0, i;
	int status = 0;

	if (!d) {
		perror(dir);
		return -1;
	}
	while ((e = readdir(d))) {
		char **more;

		if (e->d_name[0] == '.')
			continue;
		more = realloc(names, (count + 1) * sizeof(*names));
		if (!more)
			break;
		names = more;
		names[count] = malloc(strlen(dir) + strlen(e->d_name) + 2);
		if (!names[count])
			break;
		sprintf(names[count++], "%s/%s", dir, e->d_name);
	}
	closedir(d);
	qsort(names, count, sizeof(*names), by_name);
	for (i = 0; i < count; i++) {
		if (replay_file(names[i]) < 0)
			status = -1;
		else
			(*n)++;
		free(names[i]);
	}
	free(names);
	return status;
}

int main(int argc, char **argv)
{
	unsigned long n = 0;
	int i, status = 0;

	for (i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) < 0) {
			perror(argv[i]);
			status = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (replay_dir(argv[i], &n) < 0)
				status = 1;
		} else if (replay_file(argv[i]) < 0) {
			status = 1;
		} else {
			n++;
		}
	}
	printf("replayed %lu inputs\n", n);
	return status;
}
