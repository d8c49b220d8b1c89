/* The interactive console, `multipathd -k`.
 *
 * On a terminal: GNU readline with the prompt "multipathd> ", TAB
 * completion of the command words (complete.c) and of the names of the
 * daemon's maps and paths, and a history kept across sessions in
 * $HOME/.multipathd_history (the last CONSOLE_HISTORY_LINES lines, a line
 * the same as the one before it kept once). Without HOME, or where the
 * file cannot be written, the history lasts for the session only.
 *
 * When no daemon answers, it ends at once with status 1, as the
 * reference's does.
 *
 * Otherwise (a pipe, a file): the lines as they come, without prompt or
 * history. Each command goes to the daemon over a connection of its own,
 * its reply printed as it came. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "client.h"
#include "complete.h"
#include "console.h"
#include "ipc/uxsock.h"
#include "util/cleanup.h"

#define CONSOLE_PROMPT "multipathd> "
#define CONSOLE_HISTORY_FILE ".multipathd_history"
#define CONSOLE_HISTORY_LINES 1000

enum line_kind {
	LINE_BLANK,
	LINE_QUIT,
	LINE_COMMAND,
};

static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* quit and exit end the console, blanks around them allowed */
static enum line_kind classify(const char *line)
{
	const char *end;

	while (is_space(*line))
		line++;
	if (!*line)
		return LINE_BLANK;
	end = line + strlen(line);
	while (is_space(end[-1]))
		end--;
	if (end - line == 4 &&
	    (!strncmp(line, "quit", 4) || !strncmp(line, "exit", 4)))
		return LINE_QUIT;
	return LINE_COMMAND;
}

static int send_line(const char *line)
{
	struct client_opts o;

	client_opts_default(&o);
	return client_request(line, &o);
}

/* ---- live names for completion ------------------------------------- */

static const char *const names_request[CLI_P_COUNT] = {
	[CLI_P_MAP] = "show maps raw format %n",
	[CLI_P_PATH] = "show paths raw format %d",
};

/* The names asked of the daemon during one completion, each kind once. */
struct live_names {
	char **names[CLI_P_COUNT];
};

static const char *const *live_names(enum cli_param p, void *data)
{
	struct live_names *ln = data;
	_cleanup_free_ char *reply = NULL;
	enum client_step failed;
	struct client_opts o;

	if (!names_request[p])
		return NULL;
	if (!ln->names[p]) {
		client_opts_default(&o);
		if (client_exchange(names_request[p], &o, &reply, &failed) < 0 ||
		    cli_names_from_reply(reply, &ln->names[p]) < 0)
			return NULL;
	}
	return (const char *const *)ln->names[p];
}

static void live_names_free(struct live_names *ln)
{
	size_t p;

	for (p = 0; p < CLI_P_COUNT; p++)
		cli_complete_free(ln->names[p]);
}

/* ---- readline ------------------------------------------------------- */

/* the candidates of the completion in progress, for next_match() */
static char **matches;

static char *next_match(const char *text, int state)
{
	static size_t i;

	if (!state)
		i = 0;
	return matches && matches[i] ? strdup(matches[i++]) : NULL;
}

static char **complete(const char *text, int start, int end)
{
	_cleanup_free_ char *before = strndup(rl_line_buffer, (size_t)start);
	struct live_names ln = { 0 };
	struct cli_complete_src src = { .names = live_names, .data = &ln };
	char **res = NULL;

	/* nothing else than the language: no file names */
	rl_attempted_completion_over = 1;
	if (before && cli_complete_line(before, text, &src, &matches) > 0)
		res = rl_completion_matches(text, next_match);
	cli_complete_free(matches);
	matches = NULL;
	live_names_free(&ln);
	return res;
}

/* The history file, NULL without HOME. */
static char *history_path(void)
{
	const char *home = getenv("HOME");
	char *path;

	if (!home || !*home || asprintf(&path, "%s/%s", home,
					CONSOLE_HISTORY_FILE) < 0)
		return NULL;
	return path;
}

/* Add line to the history unless it repeats the last one, and to the
 * file at once, so that an interrupted session keeps its lines. */
static void remember(const char *line, const char *path)
{
	HIST_ENTRY *last = history_length > 0 ?
		history_get(history_base + history_length - 1) : NULL;

	if (last && streq(last->line, line))
		return;
	add_history(line);
	/* appending needs the file: the first time, write it whole */
	if (path && append_history(1, path) != 0)
		write_history(path);
}

/* As the reference's console: none without a daemon to talk to. */
static bool daemon_answers(void)
{
	struct client_opts o;
	_cleanup_close_ int fd = -1;

	client_opts_default(&o);
	fd = mpath_connect_to(o.abstract_name, o.path);
	return fd >= 0;
}

static int console_tty(void)
{
	_cleanup_free_ char *path = NULL;
	enum line_kind kind = LINE_BLANK;
	char *line;
	int rc = 0;

	if (!daemon_answers())
		return 1;
	path = history_path();

	rl_readline_name = "multipathd";
	rl_attempted_completion_function = complete;
	rl_completer_word_break_characters = " \t\n\"";
	rl_completer_quote_characters = "\"";
	using_history();
	stifle_history(CONSOLE_HISTORY_LINES);
	if (path)
		read_history(path);
	while (kind != LINE_QUIT && (line = readline(CONSOLE_PROMPT))) {
		kind = classify(line);
		if (kind == LINE_COMMAND) {
			remember(line, path);
			rc = send_line(line);
		}
		free(line);
	}
	/* Ctrl-D: the shell's prompt on a line of its own */
	if (kind != LINE_QUIT)
		putchar('\n');
	if (path)
		history_truncate_file(path, CONSOLE_HISTORY_LINES);
	clear_history();
	return rc;
}

/* ---- a pipe or a file ----------------------------------------------- */

static int console_script(FILE *in)
{
	_cleanup_free_ char *line = NULL;
	size_t cap = 0;
	int rc = 0;

	while (getline(&line, &cap, in) >= 0) {
		enum line_kind kind;

		line[strcspn(line, "\n")] = '\0';
		kind = classify(line);
		if (kind == LINE_QUIT)
			break;
		if (kind == LINE_COMMAND)
			rc = send_line(line);
	}
	return rc;
}

int console_run(void)
{
	return isatty(STDIN_FILENO) ? console_tty() : console_script(stdin);
}
