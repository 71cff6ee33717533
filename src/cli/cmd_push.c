// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph push: upload a graph to a triple store with the SPARQL 1.1 Graph
// Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/).
// The library never talks to the network: only this command uses libcurl.

#include "cli.h"

#include <kgraph/kgraph.h>

#include <curl/curl.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/// What is sent when --format is not given.
#define DEFAULT_FORMAT "ntriples"

/// The longest server message shown in an error, in bytes.
#define MAX_MESSAGE 300U

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

/// The longest wait for a connection, in seconds (or --timeout if shorter).
#define CONNECT_TIMEOUT 30L

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

/// A syntax that can be sent, and its media type.
typedef struct {
  const char* name;
  const char* media_type;
} Format;

/*
  N-Triples goes as application/n-triples, the media type that RDF 1.1
  N-Triples registers and that every standard Graph Store server knows.
  Virtuoso 7.2 (Debian 12) takes it, and so does Oxigraph.  Both also take
  text/plain, the type of N-Triples before RDF 1.1, but nothing obliges a
  store to read text/plain as RDF.
*/
static const Format formats[] = {
  {"ntriples", "application/n-triples"},
  {"rdfxml", "application/rdf+xml"},
};

#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

typedef struct {
  KgInputOptions in;
  const char*    endpoint;
  const char*    graph;
  const Format*  format;
  const char*    auth_file;
  bool           append;
  bool           password_in_clear; ///< Allow basic authentication over http
  long           timeout;           ///< Seconds for the exchange, or 0
  long           stall;             ///< Seconds without a byte, or 0
} PushOptions;

/// Credentials, kept in one buffer that is wiped after use.
typedef struct {
  char        buf[4096];
  const char* user;     ///< User name, or NULL for no authentication
  const char* password; ///< Password (never printed)
} Credentials;

/// What the store answered.
typedef struct {
  char   reason[128];       ///< Reason phrase of the last status line
  char   content_type[128]; ///< Content-Type of the last answer
  char   location[512];     ///< Location of the last answer (redirects)
  char   body[4096];        ///< Start of the body of the last answer
  size_t body_len;
  bool   asks_basic;  ///< The last answer offers basic authentication
  bool   asks_digest; ///< The last answer offers digest authentication
} Answer;

static const Format*
format_by_name(const char* const name)
{
  for (size_t i = 0U; i < N_FORMATS; ++i) {
    if (!strcmp(name, formats[i].name)) {
      return &formats[i];
    }
  }
  return NULL;
}

/// Return the names of the formats this build can send, as "a, b".
static const char*
format_list(void)
{
  static char list[64];
  size_t      len = 0U;
  list[0]         = '\0';
  for (size_t i = 0U; i < N_FORMATS; ++i) {
    if (kg_syntax_can_write(kg_syntax_by_name(formats[i].name))) {
      const int n = snprintf(list + len,
                             sizeof(list) - len,
                             "%s%s",
                             len ? ", " : "",
                             formats[i].name);
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
    const Format* const format = format_by_name(arg);
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

/**
   Print `kgraph: PREFIX` and the formatted message on `cli->err`, with what
   came from elsewhere in it (a server's answer, a URL, a file name) made safe
   for a terminal: controls, direction overrides and bad bytes escaped.
*/
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
report(const KgCli* const cli, const char* const prefix, const char* fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  va_list again;
  va_copy(again, args);
  const int len  = vsnprintf(NULL, 0U, fmt, args);
  char*     text = len >= 0 ? (char*)malloc((size_t)len + 1U) : NULL;
  if (text && vsnprintf(text, (size_t)len + 1U, fmt, again) != len) {
    free(text);
    text = NULL;
  }
  va_end(again);
  va_end(args);

  char* const safe = text ? kg_text_for_people(kg_sv(text)) : NULL;
  if (text && !safe) {
    // Out of memory: printable ASCII only, then
    for (char* p = text; *p; ++p) {
      if ((unsigned char)*p < 0x20U || (unsigned char)*p > 0x7EU) {
        *p = '?';
      }
    }
  }

  kg_progress_clear(cli->progress);
  fprintf(cli->err,
          "kgraph: %s%s\n",
          prefix,
          safe   ? safe
          : text ? text
                 : "(out of memory)");
  kg_free(safe);
  free(text);
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
    report(cli, "error: ", "'%s' is not a regular file", path);
    return KG_EXIT_INPUT;
  }
  if (st->st_mode & (S_IRWXG | S_IRWXO)) {
    // As ssh does with private keys: a password others can read is not one
    report(cli,
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
read_auth_file(const KgCli* const cli,
               const char* const  path,
               Credentials* const creds)
{
  // Checked before it is opened: opening a FIFO or a device may block, or
  // act (release a writer, rewind a tape).  A symbolic link is followed, and
  // its target checked.
  struct stat before;
  if (stat(path, &before)) {
    report(cli, "error: ", "cannot open '%s': %s", path, strerror(errno));
    return KG_EXIT_INPUT;
  }
  int bad = check_auth_file(cli, path, &before);
  if (bad) {
    return bad;
  }

  // Without waiting, in case it became a FIFO in between
  const int fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    report(cli, "error: ", "cannot open '%s': %s", path, strerror(errno));
    return KG_EXIT_INPUT;
  }

  // The file opened must be the file checked, and still private
  struct stat st;
  if (fstat(fd, &st)) {
    report(cli, "error: ", "cannot read '%s': %s", path, strerror(errno));
    close(fd);
    return KG_EXIT_INPUT;
  }
  if (st.st_dev != before.st_dev || st.st_ino != before.st_ino) {
    report(cli, "error: ", "'%s' was replaced while it was opened", path);
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
      report(cli, "error: ", "cannot read '%s': %s", path, strerror(errno));
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
    report(cli, "error: ", "'%s' must hold one line 'user:password'", path);
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
                Credentials* const       creds)
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

/*
  The request
*/

/// Return the request URL: the endpoint with `graph=IRI` or `default`.
static char*
request_url(CURL* const curl, const char* const endpoint, const char* graph)
{
  char* const escaped =
    graph ? curl_easy_escape(curl, graph, (int)strlen(graph)) : NULL;
  if (graph && !escaped) {
    return NULL;
  }

  // An endpoint may already have a query (as "...?db=main")
  const char* const query = strchr(endpoint, '?');
  const size_t      len   = strlen(endpoint);
  const char* const sep =
    !query                                                     ? "?"
    : (endpoint[len - 1U] == '?' || endpoint[len - 1U] == '&') ? ""
                                                               : "&";
  const size_t size = len + 16U + (escaped ? strlen(escaped) : 0U);
  char* const  url  = (char*)malloc(size);
  if (url) {
    const int n =
      escaped ? snprintf(url, size, "%s%sgraph=%s", endpoint, sep, escaped)
              : snprintf(url, size, "%s%sdefault", endpoint, sep);
    if (n < 0 || (size_t)n >= size) {
      free(url);
      curl_free(escaped);
      return NULL;
    }
  }
  curl_free(escaped);
  return url;
}

/// Copy the `len` bytes at `text` into `out`, cut to fit.  They are
/// escaped when printed (report()): a hostile server may send controls.
static void
copy_field(char* const       out,
           const size_t      size,
           const char* const text,
           const size_t      len)
{
  const size_t n = len < size - 1U ? len : size - 1U;
  memcpy(out, text, n);
  out[n] = '\0';
}

/// Return true iff `c` is white space, which summarize() makes one space.
static bool
is_blank(const unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

/// Return the value of the header line `buf` (of `end` bytes without its
/// line end) if it is header `name` (with its colon), else NULL.
static const char*
header_value(const char* const buf,
             const size_t      end,
             const char* const name,
             size_t* const     len)
{
  const size_t name_len = strlen(name);
  if (end < name_len || strncasecmp(buf, name, name_len)) {
    return NULL;
  }
  const char* p = buf + name_len;
  while (p < buf + end && (*p == ' ' || *p == '\t')) {
    ++p;
  }
  *len = (size_t)(buf + end - p);
  return p;
}

/// Return true iff the WWW-Authenticate value `value` offers `scheme`: as
/// its first word, or as a word after a comma (challenges are separated by
/// commas, as are their parameters).
static bool
has_scheme(const char* const value, const size_t len, const char* const scheme)
{
  const size_t n = strlen(scheme);
  for (size_t i = 0U; i + n <= len; ++i) {
    size_t before = i;
    while (before && value[before - 1U] == ' ') {
      --before;
    }
    if ((!before || value[before - 1U] == ',') &&
        !strncasecmp(value + i, scheme, n) &&
        (i + n == len || value[i + n] == ' ' || value[i + n] == ',')) {
      return true;
    }
  }
  return false;
}

static size_t
on_header(char* const buf, const size_t size, const size_t n, void* const data)
{
  Answer* const answer = (Answer*)data;
  const size_t  len    = size * n;
  size_t        end    = len;
  while (end && (buf[end - 1U] == '\r' || buf[end - 1U] == '\n')) {
    --end;
  }

  const char* value     = NULL;
  size_t      value_len = 0U;
  if (end > 5U && !strncmp(buf, "HTTP/", 5U)) {
    // A new answer (after a 100 Continue, or an authentication challenge)
    answer->reason[0] = answer->content_type[0] = answer->location[0] = '\0';
    answer->body_len                                                  = 0U;
    answer->asks_basic = answer->asks_digest = false;

    // "HTTP/1.1 401 Unauthorized": the reason phrase is after the code
    const char*       p   = buf;
    const char* const lim = buf + end;
    for (int field = 0; field < 2; ++field) {
      while (p < lim && *p != ' ') {
        ++p;
      }
      while (p < lim && *p == ' ') {
        ++p;
      }
    }
    copy_field(answer->reason, sizeof(answer->reason), p, (size_t)(lim - p));
  } else if ((value = header_value(buf, end, "Content-Type:", &value_len))) {
    copy_field(
      answer->content_type, sizeof(answer->content_type), value, value_len);
  } else if ((value = header_value(buf, end, "Location:", &value_len))) {
    copy_field(answer->location, sizeof(answer->location), value, value_len);
  } else if ((value =
                header_value(buf, end, "WWW-Authenticate:", &value_len))) {
    answer->asks_basic =
      answer->asks_basic || has_scheme(value, value_len, "Basic");
    answer->asks_digest =
      answer->asks_digest || has_scheme(value, value_len, "Digest");
  }
  return len;
}

static size_t
on_body(char* const buf, const size_t size, const size_t n, void* const data)
{
  Answer* const answer = (Answer*)data;
  const size_t  len    = size * n;
  const size_t  room   = sizeof(answer->body) - 1U - answer->body_len;
  const size_t  keep   = len < room ? len : room;
  memcpy(answer->body + answer->body_len, buf, keep);
  answer->body_len += keep;
  answer->body[answer->body_len] = '\0';
  return len; // The rest is not needed, but is not an error
}

static const char*
reason_phrase(const long code)
{
  // For HTTP/2 and later, whose status lines have no reason phrase
  static const struct {
    long        code;
    const char* reason;
  } reasons[] = {
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {409, "Conflict"},
    {411, "Length Required"},
    {413, "Content Too Large"},
    {415, "Unsupported Media Type"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
  };

  for (size_t i = 0U; i < sizeof(reasons) / sizeof(reasons[0]); ++i) {
    if (reasons[i].code == code) {
      return reasons[i].reason;
    }
  }
  return "";
}

/// Return the length of the name of the HTML tag at `p` (after '<' or '</').
static size_t
tag_name_len(const char* const p, const char* const end)
{
  size_t len = 0U;
  while (p + len < end && ((p[len] >= 'a' && p[len] <= 'z') ||
                           (p[len] >= 'A' && p[len] <= 'Z') ||
                           (p[len] >= '0' && p[len] <= '9'))) {
    ++len;
  }
  return len;
}

/// Return true iff the `len` bytes at `name` are one of the '|'-separated
/// words of `list` (case-insensitively).
static bool
in_words(const char* const list, const char* const name, const size_t len)
{
  for (const char* p = list; *p;) {
    const size_t n = strcspn(p, "|");
    if (n == len && !strncasecmp(p, name, len)) {
      return true;
    }
    p += n + (p[n] == '|');
  }
  return false;
}

/**
   Turn an HTML answer into lines of text: elements of the head, scripts and
   styles are dropped, block tags end lines, inline tags vanish, and the
   common entities are decoded.
*/
static size_t
html_to_text(const char*       p,
             const char* const end,
             char* const       out,
             const size_t      size)
{
  static const char* const hidden = "head|title|script|style";
  static const char* const inline_tags =
    "a|abbr|b|code|em|font|i|kbd|q|s|samp|small|span|strong|sub|sup|tt|u|var";
  static const struct {
    const char* name;
    char        c;
  } entities[] = {
    {"&lt;", '<'},
    {"&gt;", '>'},
    {"&amp;", '&'},
    {"&quot;", '"'},
    {"&#39;", '\''},
    {"&apos;", '\''},
    {"&nbsp;", ' '},
  };

  size_t len = 0U;
  while (p < end && len + 1U < size) {
    if (*p == '<') {
      const bool   closing = p + 1 < end && p[1] == '/';
      const char*  name    = p + 1 + closing;
      const size_t n       = tag_name_len(name, end);
      const char*  gt      = (const char*)memchr(p, '>', (size_t)(end - p));
      p                    = gt ? gt + 1 : end;
      if (!closing && n && in_words(hidden, name, n)) {
        // Skip to the matching end tag
        for (; p < end; ++p) {
          if (p[0] == '<' && p + 1 < end && p[1] == '/' &&
              tag_name_len(p + 2, end) == n && !strncasecmp(p + 2, name, n)) {
            gt = (const char*)memchr(p, '>', (size_t)(end - p));
            p  = gt ? gt + 1 : end;
            break;
          }
        }
      }
      if (!n || !in_words(inline_tags, name, n)) {
        out[len++] = '\n';
      }
      continue;
    }

    char c = *p++;
    if (c == '&') {
      for (size_t i = 0U; i < sizeof(entities) / sizeof(entities[0]); ++i) {
        const size_t n = strlen(entities[i].name);
        if ((size_t)(end - p) + 1U >= n &&
            !strncmp(p - 1, entities[i].name, n)) {
          c = entities[i].c;
          p += n - 1U;
          break;
        }
      }
    }
    out[len++] = c;
  }
  out[len] = '\0';
  return len;
}

/**
   Write into `out` the store's message, for people: its lines of text (for
   HTML, the text outside of tags), trimmed and joined with ": " (or a space
   after a punctuation mark), with runs of white space made one space,
   without a line that only repeats the status ("HTTP/1.1 500 ..."), and cut
   at MAX_MESSAGE bytes.  Other controls stay, for report() to escape.
*/
static void
summarize(const Answer* const answer, char* const out, const size_t size)
{
  char       text[sizeof(answer->body)];
  const bool html = strstr(answer->content_type, "html") ||
                    (answer->body_len && answer->body[0] == '<');
  const size_t text_len =
    html ? html_to_text(
             answer->body, answer->body + answer->body_len, text, sizeof(text))
         : (size_t)snprintf(text, sizeof(text), "%s", answer->body);

  size_t      len = 0U;
  bool        cut = false;
  const char* p   = text;
  const char* end = text + (text_len < sizeof(text) ? text_len : 0U);
  while (p < end && !cut) {
    const char* const eol = (const char*)memchr(p, '\n', (size_t)(end - p));
    const char* const lim = eol ? eol : end;

    // Skip the line if it is empty or repeats the status
    const char* q = p;
    while (q < lim && is_blank((unsigned char)*q)) {
      ++q;
    }
    if (q == lim || ((size_t)(lim - q) >= 5U && !strncmp(q, "HTTP/", 5U))) {
      p = eol ? eol + 1 : end;
      continue;
    }

    if (len) {
      // Lines are joined with ": ", or with a space after a punctuation mark
      const bool punct = strchr(":;,.", out[len - 1U]) != NULL;
      if (len + (punct ? 1U : 2U) > MAX_MESSAGE) {
        cut = true;
        break;
      }
      if (!punct) {
        out[len++] = ':';
      }
      out[len++] = ' ';
    }

    bool space = false;
    for (; q < lim; ++q) {
      const unsigned char c = (unsigned char)*q;
      if (is_blank(c)) {
        space = true;
        continue;
      }
      if (len + (space ? 2U : 1U) > MAX_MESSAGE) {
        cut = true;
        break;
      }
      if (space) {
        out[len++] = ' ';
        space      = false;
      }
      out[len++] = (char)c;
    }
    p = eol ? eol + 1 : end;
  }

  if (cut) {
    // At a character boundary, and saying so
    while (len && ((unsigned char)out[len] & 0xC0U) == 0x80U) {
      --len;
    }
    if (len + 4U <= size) {
      memcpy(out + len, "...", 3U);
      len += 3U;
    }
  }
  out[len < size ? len : size - 1U] = '\0';
}

typedef struct {
  const char*        url;
  const char*        method;
  const char*        media_type;
  const char*        body;
  size_t             body_len;
  const Credentials* creds;
  bool               basic;   ///< Basic authentication is allowed
  long               timeout; ///< Seconds for the exchange, or 0
  long               stall;   ///< Seconds without a byte, or 0
} Request;

/// Where an exchange is.
typedef enum {
  STAGE_CONNECTING, ///< No request sent yet
  STAGE_SENDING,    ///< Sending a request and the graph
  STAGE_WAITING,    ///< All sent, and the store has not begun to answer
  STAGE_RECEIVING,  ///< Receiving the store's answer
} Stage;

/// What an exchange did so far, for the stall rule and for messages.
typedef struct {
  KgProgress*     progress; ///< The progress line, if it is shown, or NULL
  long            stall;    ///< Seconds without a byte that make a stall
  size_t          body_len; ///< Bytes of the graph in a request
  size_t          sent;     ///< Bytes of the graph sent in the last request
  uint64_t        received; ///< Bytes of the last answer, head and body
  curl_off_t      dl_now;   ///< Bytes of the answer's body received
  curl_off_t      dl_total; ///< Bytes of the answer's body announced, or 0
  curl_off_t      ul_now;   ///< Bytes of the graph sent, as curl counts
  Stage           stage;
  struct timespec moved; ///< When a byte last moved
  bool            stalled;
} Exchange;

static void
moved(Exchange* const x)
{
  clock_gettime(CLOCK_MONOTONIC, &x->moved);
}

/// Follow every byte curl sends and receives (a verbose trace, not shown).
static int
on_trace(CURL* const         curl,
         const curl_infotype type,
         char* const         data,
         const size_t        size,
         void* const         ptr)
{
  (void)curl;
  (void)data;

  Exchange* const x = (Exchange*)ptr;
  switch (type) {
  case CURLINFO_HEADER_OUT:
    // A new request: the first, or again after a challenge
    x->stage    = x->body_len ? STAGE_SENDING : STAGE_WAITING;
    x->sent     = 0U;
    x->received = 0U;
    x->dl_now = x->dl_total = 0;
    moved(x);
    break;
  case CURLINFO_DATA_OUT:
    // (Sending again if curl's counters, not yet reset for a new request,
    // made it look done)
    x->sent += size;
    if (x->stage == STAGE_SENDING || x->stage == STAGE_WAITING) {
      x->stage = x->sent >= x->body_len ? STAGE_WAITING : STAGE_SENDING;
    }
    moved(x);
    break;
  case CURLINFO_HEADER_IN:
  case CURLINFO_DATA_IN:
    x->received += size;
    if (x->stage == STAGE_WAITING) {
      x->stage = STAGE_RECEIVING;
    }
    moved(x);
    break;
  default:
    break;
  }
  return 0;
}

/// Show the progress, and stop a stalled transfer (curl calls this about
/// once a second when nothing moves).
static int
on_progress(void* const      data,
            const curl_off_t dltotal,
            const curl_off_t dlnow,
            const curl_off_t ultotal,
            const curl_off_t ulnow)
{
  Exchange* const x = (Exchange*)data;

  // Curl's counters too, in case a protocol does not trace every byte
  if (dlnow != x->dl_now || ulnow != x->ul_now) {
    moved(x);
  }
  x->dl_now   = dlnow;
  x->dl_total = dltotal;
  x->ul_now   = ulnow;
  if (x->stage == STAGE_SENDING && ultotal > 0 && ulnow >= ultotal) {
    x->stage = STAGE_WAITING;
  }

  if (x->stall && (x->stage == STAGE_SENDING || x->stage == STAGE_RECEIVING)) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (now.tv_sec - x->moved.tv_sec > x->stall ||
        (now.tv_sec - x->moved.tv_sec == x->stall &&
         now.tv_nsec >= x->moved.tv_nsec)) {
      x->stalled = true;
      return 1;
    }
  }

  KgProgress* const progress = x->progress;
  if (!progress || ultotal <= 0) {
    return 0;
  }

  if (ulnow < ultotal) {
    // An authentication challenge makes curl send the body again
    if (strcmp(progress->phase, "uploading")) {
      kg_progress_phase(
        progress, "uploading", NULL, true, (uint64_t)ultotal, NULL, 0U);
    }
    kg_progress_set(progress, (uint64_t)ulnow, (uint64_t)ultotal);
  } else if (strcmp(progress->phase, "waiting for the store")) {
    kg_progress_phase(
      progress, "waiting for the store", NULL, false, 0U, NULL, 0U);
  }
  return 0;
}

/// Say why an exchange that timed out or stalled (at `x->stage`, not while
/// connecting) failed, and what the store got.
static void
report_no_answer(const KgCli* const    cli,
                 const Request* const  req,
                 const Exchange* const x,
                 const long            timeout)
{
  char what[160];
  int  n = 0;
  if (x->stage == STAGE_SENDING) {
    n = snprintf(what,
                 sizeof(what),
                 "%zu of %zu bytes of the graph were sent, so the store did "
                 "not get all of it",
                 x->ul_now > 0 && (uint64_t)x->ul_now > x->sent
                   ? (size_t)x->ul_now
                   : x->sent,
                 x->body_len);
  } else {
    n = snprintf(what,
                 sizeof(what),
                 "all %zu bytes of the graph were sent, and the store may "
                 "have stored them",
                 x->body_len);
  }

  char got[64];
  if (x->dl_total > 0) {
    n = n < 0 ? n
              : snprintf(got,
                         sizeof(got),
                         "%" CURL_FORMAT_CURL_OFF_T
                         " of %" CURL_FORMAT_CURL_OFF_T " bytes",
                         x->dl_now,
                         x->dl_total);
  } else {
    n = n < 0 ? n
              : snprintf(got,
                         sizeof(got),
                         "%" PRIu64 " byte%s",
                         x->received,
                         x->received == 1U ? "" : "s");
  }
  if (n < 0) {
    what[0] = got[0] = '\0';
  }

  if (x->stalled && x->stage == STAGE_SENDING) {
    report(cli,
           "error: ",
           "%s %s: the upload stalled: nothing was sent in the last %ld s; %s",
           req->method,
           req->url,
           x->stall,
           what);
  } else if (x->stalled) {
    report(cli,
           "error: ",
           "%s %s: the transfer stalled: %s of the answer received, none in "
           "the last %ld s; %s",
           req->method,
           req->url,
           got,
           x->stall,
           what);
  } else if (x->stage == STAGE_SENDING) {
    report(cli,
           "error: ",
           "%s %s: the upload did not end within %ld s; %s",
           req->method,
           req->url,
           timeout,
           what);
  } else if (x->stage == STAGE_WAITING) {
    report(cli,
           "error: ",
           "%s %s: the store did not answer within %ld s; %s",
           req->method,
           req->url,
           timeout,
           what);
  } else {
    report(cli,
           "error: ",
           "%s %s: the store's answer did not end within %ld s (%s "
           "received); %s",
           req->method,
           req->url,
           timeout,
           got,
           what);
  }
  report(cli,
         "note: ",
         "%s",
         x->stalled ? "--stall-timeout=SECONDS sets how long a transfer may "
                      "stand still (0: for ever)"
                    : "--timeout=SECONDS sets how long to wait (0: for ever)");
}

/// Send `req`.  @return KG_SUCCESS, KG_BAD_WRITE if the upload failed or the
/// store refused it (said on `cli->err`), or KG_BAD_ALLOC / KG_BAD_INTERNAL.
static KgStatus
send_request(const KgCli* const   cli,
             CURL* const          curl,
             const Request* const req,
             long* const          code)
{
  char               errbuf[CURL_ERROR_SIZE] = {0};
  Answer             answer;
  char               content_type[96];
  char               user_agent[32];
  struct curl_slist* headers = NULL;

  memset(&answer, 0, sizeof(answer));
  if (snprintf(content_type,
               sizeof(content_type),
               "Content-Type: %s",
               req->media_type) >= (int)sizeof(content_type) ||
      snprintf(user_agent, sizeof(user_agent), "kgraph/%s", kg_version()) >=
        (int)sizeof(user_agent)) {
    return KG_BAD_INTERNAL;
  }

  struct curl_slist* const with_type = curl_slist_append(headers, content_type);
  if (!with_type) {
    return KG_BAD_ALLOC;
  }
  headers = with_type;

  Exchange x;
  memset(&x, 0, sizeof(x));
  x.progress = cli->progress && cli->progress->on ? cli->progress : NULL;
  x.stall    = req->stall;
  x.body_len = req->body_len;
  moved(&x);

  CURLcode rc = CURLE_OK;
#define SET(option, value)                        \
  do {                                            \
    if (!rc) {                                    \
      rc = curl_easy_setopt(curl, option, value); \
    }                                             \
  } while (0)

  SET(CURLOPT_URL, req->url);
  SET(CURLOPT_ERRORBUFFER, errbuf);
  SET(CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
  SET(CURLOPT_PROTOCOLS_STR, "http,https");
#endif
  SET(CURLOPT_USERAGENT, user_agent);
  SET(CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT);
  SET(CURLOPT_TIMEOUT_MS, req->timeout * 1000L);
  SET(CURLOPT_HTTPHEADER, headers);
  SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
  SET(CURLOPT_POSTFIELDS, req->body ? req->body : "");
  if (!strcmp(req->method, "PUT")) {
    // The body is in memory, so curl can send it again after a challenge
    SET(CURLOPT_CUSTOMREQUEST, "PUT");
  }
  SET(CURLOPT_HEADERFUNCTION, on_header);
  SET(CURLOPT_HEADERDATA, &answer);
  SET(CURLOPT_WRITEFUNCTION, on_body);
  SET(CURLOPT_WRITEDATA, &answer);
  if (req->creds->user) {
    // Virtuoso asks for digest, others for basic: curl answers the challenge.
    // Basic sends the password as it is: only over https://, unless allowed.
    // With digest alone, curl would first send an empty PUT to learn the
    // challenge, and a store that needs no password would replace the graph
    // with nothing: bearer (never used, as no token is set) makes two
    // methods, and then curl sends the graph at once.
    SET(CURLOPT_HTTPAUTH,
        (long)(CURLAUTH_DIGEST |
               (req->basic ? CURLAUTH_BASIC : CURLAUTH_BEARER)));
    SET(CURLOPT_USERNAME, req->creds->user);
    SET(CURLOPT_PASSWORD, req->creds->password);
  }
  SET(CURLOPT_DEBUGFUNCTION, on_trace);
  SET(CURLOPT_DEBUGDATA, &x);
  SET(CURLOPT_VERBOSE, 1L);
  SET(CURLOPT_XFERINFOFUNCTION, on_progress);
  SET(CURLOPT_XFERINFODATA, &x);
  SET(CURLOPT_NOPROGRESS, 0L);
#undef SET

  if (rc) {
    curl_slist_free_all(headers);
    kg_cli_error(cli, "cannot set up the upload: %s", curl_easy_strerror(rc));
    return rc == CURLE_OUT_OF_MEMORY ? KG_BAD_ALLOC : KG_BAD_INTERNAL;
  }

  rc = curl_easy_perform(curl);
  kg_progress_clear(cli->progress);
  curl_slist_free_all(headers);
  if ((rc == CURLE_OPERATION_TIMEDOUT && x.stage != STAGE_CONNECTING) ||
      (rc == CURLE_ABORTED_BY_CALLBACK && x.stalled)) {
    report_no_answer(cli, req, &x, req->timeout);
    return KG_BAD_WRITE;
  }
  if (rc) {
    report(cli,
           "error: ",
           "%s %s: %s",
           req->method,
           req->url,
           errbuf[0] ? errbuf : curl_easy_strerror(rc));
    return rc == CURLE_OUT_OF_MEMORY ? KG_BAD_ALLOC : KG_BAD_WRITE;
  }

  *code = 0L;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, code);
  if (*code >= 200L && *code <= 299L) {
    return KG_SUCCESS;
  }

  if (*code == 401L && req->creds->user && !req->basic && answer.asks_basic &&
      !answer.asks_digest) {
    report(cli,
           "error: ",
           "%s %s: the store asks for basic authentication over http://, "
           "which would send the password in clear: it was not sent; use an "
           "https:// endpoint, or --password-in-clear",
           req->method,
           req->url);
    return KG_BAD_WRITE;
  }

  char message[MAX_MESSAGE + 8U];
  summarize(&answer, message, sizeof(message));
  const char* const reason =
    answer.reason[0] ? answer.reason : reason_phrase(*code);
  report(cli,
         "error: ",
         "%s %s: HTTP %ld%s%s%s%s",
         req->method,
         req->url,
         *code,
         reason[0] ? " " : "",
         reason,
         message[0] ? ": " : "",
         message);
  if (*code >= 300L && *code <= 399L && answer.location[0]) {
    report(cli,
           "note: ",
           "the store redirects to '%s': kgraph does not follow redirects, "
           "use that URL as --endpoint",
           answer.location);
  } else if (*code == 401L) {
    if (req->creds->user) {
      report(cli,
             "note: ",
             "the store refused the password of user '%s'",
             req->creds->user);
    } else {
      fputs("kgraph: note: no credentials were given: use --auth-file, or "
            "KGRAPH_USER and KGRAPH_PASSWORD\n",
            cli->err);
    }
  }
  return KG_BAD_WRITE;
}

/// Write `graph` into memory.  @return a status; `*body` is set to free().
static KgStatus
serialise(const KgCli* const   cli,
          const KgGraph* const graph,
          const Format* const  format,
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
    .syntax = kg_syntax_by_name(format->name),
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
    kg_cli_error(cli, "the graph cannot be written as %s", format->name);
  } else if (st) {
    kg_cli_error(
      cli, "cannot write the graph as %s: %s", format->name, kg_strerror(st));
  }
  return st;
}

int
kg_cmd_push(KgCli* const cli, const int argc, char** const argv)
{
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

  PushOptions opts;
  memset(&opts, 0, sizeof(opts));
  opts.format  = format_by_name(DEFAULT_FORMAT);
  opts.timeout = DEFAULT_TIMEOUT;
  opts.stall   = DEFAULT_STALL;

  int       first = 0;
  const int r     = kg_cli_parse(
    cli, argc, argv, ":hq", long_opts, help, &opts, handle, 1, &first);
  if (r >= 0) {
    return r;
  }

  if (!opts.endpoint) {
    return kg_cli_usage(cli, "missing --endpoint");
  }
  int bad = check_endpoint(cli, opts.endpoint);
  if (!bad && opts.graph) {
    bad = check_graph(cli, opts.graph);
  }
  if (bad) {
    return bad;
  }

  Credentials creds;
  if ((bad = get_credentials(cli, &opts, &creds))) {
    wipe(&creds, sizeof(creds));
    return bad;
  }

  KgGraph* graph    = NULL;
  char*    body     = NULL;
  size_t   body_len = 0U;
  char*    url      = NULL;
  CURL*    curl     = NULL;
  long     code     = 0L;
  KgStatus st = kg_cli_load(cli, argv + first, argc - first, &opts.in, &graph);
  if (st) {
    goto done;
  }

  if ((st = serialise(cli, graph, opts.format, &body, &body_len))) {
    goto done;
  }

  if (curl_global_init(CURL_GLOBAL_DEFAULT) || !(curl = curl_easy_init())) {
    kg_cli_error(cli, "cannot start libcurl");
    st = KG_BAD_INTERNAL;
    goto done;
  }

  if (!(url = request_url(curl, opts.endpoint, opts.graph))) {
    kg_cli_error(cli, "out of memory");
    st = KG_BAD_ALLOC;
    goto done;
  }

  const Request req = {url,
                       opts.append ? "POST" : "PUT",
                       opts.format->media_type,
                       body,
                       body_len,
                       &creds,
                       opts.password_in_clear ||
                         !strncasecmp(opts.endpoint, "https://", 8U),
                       opts.timeout,
                       opts.stall};
  if (!(st = send_request(cli, curl, &req, &code)) && !cli->quiet) {
    report(cli,
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
