// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph push: upload a graph to a triple store with the SPARQL 1.1 Graph
// Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/).
// The exchange with the store is in push_http.c, and the store's answer
// is made text for people in push_text.c.

#include "cli.h"
#include "push_http.h"

#include <kgraph/kgraph.h>

#include <curl/curl.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/// What is sent when --format is not given.
#define DEFAULT_FORMAT "ntriples"

/*
  How long to wait.  The whole exchange includes the store's own work on
  the graph (parsing, indexing, committing), which for millions of triples
  takes minutes: Virtuoso 7.2 takes 9 s to PUT 100,000 triples (12 MB) on
  loopback, so the default of ten minutes covers several million, and
  --timeout=0 sets no limit.  A transfer that moves no byte for half a
  minute while kgraph sends or the store answers has stalled (a dead peer,
  a dropped route): that fails sooner.  The store's silence between the end
  of the upload and the start of its answer is its work, not a stall: only
  the timeout bounds it.
*/

/// The default of --timeout, in seconds.
#define DEFAULT_TIMEOUT 600

/// The default of --stall-timeout, in seconds.
#define DEFAULT_STALL 30

/// The largest --timeout and --stall-timeout, in seconds (over 11 days).
#define MAX_SECONDS 1000000

#define STRING_(x) #x
#define STRING(x) STRING_(x)
#define DEFAULT_TIMEOUT_TEXT STRING(DEFAULT_TIMEOUT)
#define DEFAULT_STALL_TEXT STRING(DEFAULT_STALL)

static const char* const help =
  "Usage: kgraph push --endpoint=URL [OPTION]... INPUT...\n"
  "Read every INPUT into one graph and upload it to a triple store with the\n"
  "SPARQL 1.1 Graph Store HTTP Protocol: PUT replaces the graph, POST (with\n"
  "--append) adds to it.\n"
  "\n"
  "Options:\n"
  "      --endpoint=URL     the store's Graph Store endpoint (required); for\n"
  "                         Virtuoso, http://HOST:8890/sparql-graph-crud-auth\n"
  "      --graph=IRI        the graph to write (default: the default graph)\n"
  "      --append           add to the graph (POST) instead of replacing it\n"
  "                         (PUT)\n"
  "      --format=FORMAT    what to send: ntriples or rdfxml\n"
  "                         (default: " DEFAULT_FORMAT ")\n"
  "      --auth-file=FILE   read 'user:password' from the first line of FILE,\n"
  "                         which must not be accessible by group or others\n"
  "      --timeout=SECONDS  give up when the exchange takes longer (default:\n"
  "                         " DEFAULT_TIMEOUT_TEXT "; 0: no limit)\n"
  "      --stall-timeout=SECONDS\n"
  "                         give up when the upload or the answer stands\n"
  "                         still that long (default: " DEFAULT_STALL_TEXT
  "; 0: no limit)\n"
  "      --password-in-clear\n"
  "                         allow basic authentication over http://, which\n"
  "                         sends the password in clear to anyone on the "
  "way\n" KG_INPUT_HELP KG_COMMON_HELP "\n"
  "Credentials come from --auth-file, else from the environment variables\n"
  "KGRAPH_USER and KGRAPH_PASSWORD, never from the command line.  Over\n"
  "https://, the store chooses HTTP basic or digest authentication; over\n"
  "http://, only digest, which does not send the password itself.\n"
  "INPUT '-' means standard input (with --from).\n"
  "\n"
  "Exit status: 0 ok, 2 usage, 3 input, 4 upload failed, stalled, timed out\n"
  "or refused by the store, 5 internal.\n";

/*
  The syntaxes push sends, each as the first media type of the syntax
  table (kg_syntax_media_type): N-Triples as application/n-triples, the
  media type that RDF 1.1 N-Triples registers and that every standard Graph
  Store server knows.  Virtuoso 7.2 (Debian 12) takes it, and so does
  Oxigraph.  Both also take text/plain, the type of N-Triples before RDF
  1.1, but nothing obliges a store to read text/plain as RDF.
*/
static const KgSyntax formats[] = {KG_SYNTAX_NTRIPLES, KG_SYNTAX_RDFXML};
#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

typedef struct {
  KgInputOptions in;
  const char*    endpoint;
  const char*    graph;
  KgSyntax       format; ///< What to send
  const char*    auth_file;
  bool           append;
  bool           password_in_clear; ///< Allow basic authentication over http
  long           timeout;           ///< Seconds for the exchange, or 0
  long           stall;             ///< Seconds without a byte, or 0
} PushOptions;

/// Return the syntax named `name` if push sends it, else NONE.
static KgSyntax
format_by_name(const char* const name)
{
  const KgSyntax syntax = kg_syntax_by_name(name);
  for (size_t i = 0U; i < N_FORMATS; ++i) {
    if (formats[i] == syntax && kg_syntax_can_write(syntax)) {
      return syntax;
    }
  }
  return KG_SYNTAX_NONE;
}

/// Return the names of the formats this build can send, as "a, b".
static const char*
format_list(void)
{
  static char list[64];
  size_t      len = 0U;
  list[0]         = '\0';
  for (size_t i = 0U; i < N_FORMATS; ++i) {
    if (kg_syntax_can_write(formats[i])) {
      const int n = snprintf(list + len,
                             sizeof(list) - len,
                             "%s%s",
                             len ? ", " : "",
                             kg_syntax_name(formats[i]));
      if (n < 0 || (size_t)n >= sizeof(list) - len) {
        break;
      }
      len += (size_t)n;
    }
  }
  return list;
}

static int
handle(KgCli* const cli, void* const data, const int c, char* const arg)
{
  PushOptions* const opts = (PushOptions*)data;
  const int          r    = kg_cli_input_option(cli, &opts->in, c, arg);
  if (r >= 0) {
    return r;
  }

  switch (c) {
  case 'E':
    opts->endpoint = arg;
    return 0;
  case 'G':
    opts->graph = arg;
    return 0;
  case 'A':
    opts->append = true;
    return 0;
  case 'f': {
    const KgSyntax format = format_by_name(arg);
    if (!format) {
      return kg_cli_usage(
        cli, "unknown format '%s' (known: %s)", arg, format_list());
    }
    opts->format = format;
    return 0;
  }
  case 'U':
    opts->auth_file = arg;
    return 0;
  case 'P':
    opts->password_in_clear = true;
    return 0;
  case 'T':
  case 'S': {
    const long long n = kg_cli_parse_number(arg, MAX_SECONDS);
    if (n < 0) {
      return kg_cli_usage(cli,
                          "--%s needs a number of seconds from 0 to %d, not "
                          "'%s'",
                          c == 'T' ? "timeout" : "stall-timeout",
                          MAX_SECONDS,
                          arg);
    }
    *(c == 'T' ? &opts->timeout : &opts->stall) = (long)n;
    return 0;
  }
  default:
    break;
  }
  return kg_cli_usage(cli, "unexpected option");
}

/*
  Options
*/

/// Check the endpoint URL.  @return 0 or an exit status.
static int
check_endpoint(const KgCli* const cli, const char* const url)
{
  const char* rest = NULL;
  if (!strncasecmp(url, "http://", 7U)) {
    rest = url + 7U;
  } else if (!strncasecmp(url, "https://", 8U)) {
    rest = url + 8U;
  } else {
    return kg_cli_usage(
      cli, "endpoint '%s' is not an http:// or https:// URL", url);
  }

  // Credentials in the URL would be in the shell's history and in `ps`: the
  // URL is not echoed here, since it holds them
  const size_t authority = strcspn(rest, "/?#");
  if (memchr(rest, '@', authority)) {
    return kg_cli_usage(cli,
                        "the endpoint URL holds credentials: put them in "
                        "--auth-file, or in KGRAPH_USER and KGRAPH_PASSWORD");
  }
  if (!authority) {
    return kg_cli_usage(cli, "endpoint '%s' has no host", url);
  }
  if (strchr(url, '#')) {
    return kg_cli_usage(cli, "endpoint '%s' has a fragment ('#')", url);
  }
  for (const char* p = url; *p; ++p) {
    if ((unsigned char)*p <= 0x20U || *p == 0x7F) {
      return kg_cli_usage(
        cli, "endpoint '%s' holds a space or a control character", url);
    }
  }
  return 0;
}

/// Check the graph IRI.  @return 0 or an exit status.
static int
check_graph(const KgCli* const cli, const char* const graph)
{
  const KgStringView iri = kg_sv(graph);
  if (kg_utf8_check(iri, NULL) || kg_iri_check(iri, NULL) ||
      !kg_iri_is_absolute(iri)) {
    return kg_cli_usage(cli, "graph '%s' is not an absolute IRI", graph);
  }
  return 0;
}

/*
  Credentials
*/

static void
wipe(void* const buf, const size_t len)
{
  // Not optimised away, unlike a memset() before the end of a lifetime
  volatile unsigned char* p = (volatile unsigned char*)buf;
  for (size_t i = 0U; i < len; ++i) {
    p[i] = 0U;
  }
}

/// Check that the auth file `path`, of status `st`, is a regular file that
/// neither its group nor others can access.  @return 0 or an exit status.
static int
check_auth_file(const KgCli* const       cli,
                const char* const        path,
                const struct stat* const st)
{
  if (!S_ISREG(st->st_mode)) {
    kg_push_report(cli, "error: ", "'%s' is not a regular file", path);
    return KG_EXIT_INPUT;
  }
  if (st->st_mode & (S_IRWXG | S_IRWXO)) {
    // As ssh does with private keys: a password others can read is not one
    kg_push_report(
      cli,
      "error: ",
      "permissions %04o of '%s' are too open: a file with a password "
      "must not be accessible by group or others (chmod 600 '%s')",
      (unsigned)(st->st_mode & 07777U),
      path,
      path);
    return KG_EXIT_INPUT;
  }
  return 0;
}

/// Read `user:password` from the first line of `path`.  @return 0 or an exit
/// status.
static int
read_auth_file(const KgCli* const       cli,
               const char* const        path,
               KgPushCredentials* const creds)
{
  // Checked before it is opened: opening a FIFO or a device may block, or
  // act (release a writer, rewind a tape).  A symbolic link is followed, and
  // its target checked.
  struct stat before;
  if (stat(path, &before)) {
    kg_push_report(
      cli, "error: ", "cannot open '%s': %s", path, strerror(errno));
    return KG_EXIT_INPUT;
  }
  int bad = check_auth_file(cli, path, &before);
  if (bad) {
    return bad;
  }

  // Without waiting, in case it became a FIFO in between
  const int fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    kg_push_report(
      cli, "error: ", "cannot open '%s': %s", path, strerror(errno));
    return KG_EXIT_INPUT;
  }

  // The file opened must be the file checked, and still private
  struct stat st;
  if (fstat(fd, &st)) {
    kg_push_report(
      cli, "error: ", "cannot read '%s': %s", path, strerror(errno));
    close(fd);
    return KG_EXIT_INPUT;
  }
  if (st.st_dev != before.st_dev || st.st_ino != before.st_ino) {
    kg_push_report(
      cli, "error: ", "'%s' was replaced while it was opened", path);
    close(fd);
    return KG_EXIT_INPUT;
  }
  if ((bad = check_auth_file(cli, path, &st))) {
    close(fd);
    return bad;
  }

  size_t len = 0U;
  while (len < sizeof(creds->buf) - 1U) {
    const ssize_t n = read(fd, creds->buf + len, sizeof(creds->buf) - 1U - len);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      kg_push_report(
        cli, "error: ", "cannot read '%s': %s", path, strerror(errno));
      close(fd);
      return KG_EXIT_INPUT;
    }
    if (!n) {
      break;
    }
    len += (size_t)n;
  }
  close(fd);
  creds->buf[len] = '\0';

  // The first line, without its end
  creds->buf[strcspn(creds->buf, "\r\n")] = '\0';
  char* const colon                       = strchr(creds->buf, ':');
  if (!colon || colon == creds->buf) {
    kg_push_report(
      cli, "error: ", "'%s' must hold one line 'user:password'", path);
    return KG_EXIT_INPUT;
  }
  *colon          = '\0';
  creds->user     = creds->buf;
  creds->password = colon + 1;
  return 0;
}

/// Find the credentials.  @return 0 or an exit status.
static int
get_credentials(const KgCli* const       cli,
                const PushOptions* const opts,
                KgPushCredentials* const creds)
{
  creds->user = creds->password = NULL;
  if (opts->auth_file) {
    return read_auth_file(cli, opts->auth_file, creds);
  }

  const char* const user     = getenv("KGRAPH_USER");
  const char* const password = getenv("KGRAPH_PASSWORD");
  if (user && *user && !password) {
    return kg_cli_usage(cli, "KGRAPH_USER is set, but KGRAPH_PASSWORD is not");
  }
  if (password && (!user || !*user)) {
    return kg_cli_usage(cli, "KGRAPH_PASSWORD is set, but KGRAPH_USER is not");
  }
  if (user && *user) {
    const int n =
      snprintf(creds->buf, sizeof(creds->buf), "%s%c%s", user, '\0', password);
    if (n < 0 || (size_t)n >= sizeof(creds->buf)) {
      return kg_cli_usage(cli, "KGRAPH_USER or KGRAPH_PASSWORD is too long");
    }
    creds->user     = creds->buf;
    creds->password = creds->buf + strlen(user) + 1U;
  }
  return 0;
}

/// Write `graph` into memory.  @return a status; `*body` is set to free().
static KgStatus
serialise(const KgCli* const   cli,
          const KgGraph* const graph,
          const KgSyntax       format,
          char** const         body,
          size_t* const        body_len)
{
  *body           = NULL;
  *body_len       = 0U;
  FILE* const mem = open_memstream(body, body_len);
  if (!mem) {
    kg_cli_error(cli, "out of memory");
    return KG_BAD_ALLOC;
  }

  const KgWriteOptions wopts = {
    .syntax = format,
    .log    = cli->log,
  };
  // Until the first byte is written (then "writing")
  kg_progress_phase(
    cli->progress, "sorting", NULL, false, 0U, NULL, kg_graph_size(graph));
  FILE* const counted = kg_progress_open_output(cli->progress, mem, NULL);
  KgStatus st = counted ? kg_graph_write(graph, counted, &wopts) : KG_BAD_ALLOC;
  st          = counted ? kg_progress_close_output(counted, mem, st) : st;
  kg_progress_clear(cli->progress);
  if (fclose(mem) && !st) {
    st = KG_BAD_ALLOC;
  }
  if (st == KG_BAD_ALLOC) {
    kg_cli_error(cli, "out of memory");
  } else if (st == KG_BAD_DATA) {
    kg_cli_error(
      cli, "the graph cannot be written as %s", kg_syntax_label(format));
  } else if (st) {
    kg_cli_error(cli,
                 "cannot write the graph as %s: %s",
                 kg_syntax_label(format),
                 kg_strerror(st));
  }
  return st;
}

static const struct option long_opts[] = {
  KG_INPUT_LONG_OPTIONS,
  {"endpoint", required_argument, NULL, 'E'},
  {"graph", required_argument, NULL, 'G'},
  {"append", no_argument, NULL, 'A'},
  {"format", required_argument, NULL, 'f'},
  {"auth-file", required_argument, NULL, 'U'},
  {"password-in-clear", no_argument, NULL, 'P'},
  {"timeout", required_argument, NULL, 'T'},
  {"stall-timeout", required_argument, NULL, 'S'},
  KG_COMMON_LONG_OPTIONS,
};

static void
init(void* const data)
{
  PushOptions* const opts = (PushOptions*)data;
  opts->format            = format_by_name(DEFAULT_FORMAT);
  opts->timeout           = DEFAULT_TIMEOUT;
  opts->stall             = DEFAULT_STALL;
}

static int
run(KgCli* const cli, void* const data, const int n_args, char** const args)
{
  PushOptions* const opts = (PushOptions*)data;

  if (!opts->endpoint) {
    return kg_cli_usage(cli, "missing --endpoint");
  }
  int bad = check_endpoint(cli, opts->endpoint);
  if (!bad && opts->graph) {
    bad = check_graph(cli, opts->graph);
  }
  if (bad) {
    return bad;
  }

  KgPushCredentials creds;
  if ((bad = get_credentials(cli, opts, &creds))) {
    wipe(&creds, sizeof(creds));
    return bad;
  }

  KgGraph* graph    = NULL;
  char*    body     = NULL;
  size_t   body_len = 0U;
  char*    url      = NULL;
  CURL*    curl     = NULL;
  long     code     = 0L;
  KgStatus st       = kg_cli_load(cli, args, n_args, &opts->in, &graph);
  if (st) {
    goto done;
  }

  if ((st = serialise(cli, graph, opts->format, &body, &body_len))) {
    goto done;
  }

  if (curl_global_init(CURL_GLOBAL_DEFAULT) || !(curl = curl_easy_init())) {
    kg_cli_error(cli, "cannot start libcurl");
    st = KG_BAD_INTERNAL;
    goto done;
  }

  if (!(url = kg_push_request_url(curl, opts->endpoint, opts->graph))) {
    kg_cli_error(cli, "out of memory");
    st = KG_BAD_ALLOC;
    goto done;
  }

  const KgPushRequest req = {url,
                             opts->append ? "POST" : "PUT",
                             kg_syntax_media_type(opts->format),
                             body,
                             body_len,
                             &creds,
                             opts->password_in_clear ||
                               !strncasecmp(opts->endpoint, "https://", 8U),
                             opts->timeout,
                             opts->stall};
  if (!(st = kg_push_send(cli, curl, &req, &code)) && !cli->quiet) {
    kg_push_report(cli,
                   "",
                   "pushed %zu triple%s (%zu bytes) to %s (HTTP %ld)",
                   kg_graph_size(graph),
                   kg_graph_size(graph) == 1U ? "" : "s",
                   body_len,
                   url,
                   code);
  }

done:
  if (curl) {
    curl_easy_cleanup(curl);
    curl_global_cleanup();
  }
  wipe(&creds, sizeof(creds));
  free(url);
  free(body);
  kg_graph_free(graph);
  return kg_cli_exit_status(st);
}

const KgCommand kg_cmd_push =
  KG_COMMAND("push",
             "upload INPUT to a triple store (Graph Store Protocol)",
             ":hq",
             1,
             PushOptions,
             init,
             false);
