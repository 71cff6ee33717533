// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph push, against a tiny HTTP server forked by each test: it listens on
// 127.0.0.1, answers a few requests with canned answers, and records each
// request in a file for the test to check.

#include "support.h"

#include "cli.h"

#include <criterion/criterion.h>
#include <kgraph/kgraph.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_ANSWERS 4

/// What push sends without --format (DEFAULT_FORMAT in cmd_push.c)
#define DEFAULT_FORMAT "ntriples"
#define DEFAULT_MEDIA_TYPE "application/n-triples"

static const char* const graph_ttl =
  "@prefix ex: <http://example.org/> .\n"
  "ex:a ex:name \"A \\\"quoted\\\" name\"@en ; ex:knows ex:b .\n";

/// A server that answers requests with canned answers.
typedef struct {
  pid_t pid;
  int   port;
  char  dir[64]; ///< Where requests are recorded, as req-0, req-1, ...
} Server;

/// Write all of `len` bytes, or fail.
static bool
write_all(const int fd, const char* data, size_t len)
{
  while (len) {
    const ssize_t n = write(fd, data, len);
    if (n <= 0) {
      return false;
    }
    data += n;
    len -= (size_t)n;
  }
  return true;
}

/// Return the value of header `name` in `head` (a static copy), or NULL.
static const char*
header_value(const char* const head, const char* const name)
{
  static char  value[256];
  const size_t len = strlen(name);
  for (const char* line = strstr(head, "\r\n"); line && line[2];
       line             = strstr(line + 2, "\r\n")) {
    if (!strncasecmp(line + 2, name, len) && line[2 + len] == ':') {
      const char* v = line + 3 + len;
      while (*v == ' ') {
        ++v;
      }
      const size_t n = strcspn(v, "\r\n");
      snprintf(value, sizeof(value), "%.*s", (int)n, v);
      return value;
    }
  }
  return NULL;
}

/// In an answer: wait 2 s before the rest.
#define PAUSE "\x01"

/// In an answer: send nothing more, and never end.
#define STALL "\x02"

/// At the start of an answer: read no byte of the body (record the head).
#define NO_READ "\x03"

/// Send `answer`, with its pauses and stall.
static bool
send_answer(const int fd, const char* answer)
{
  for (;;) {
    const size_t len = strcspn(answer, PAUSE STALL);
    if (!write_all(fd, answer, len)) {
      return false;
    }
    answer += len;
    if (!*answer) {
      return true;
    }
    if (*answer++ == STALL[0]) {
      for (;;) {
        pause(); // Until server_wait() ends it
      }
    }
    sleep(2U);
  }
}

/// Serve one request on `fd`: record it in `path`, send `answer`.
static bool
serve(const int fd, const char* const path, const char* const answer)
{
  size_t size = 65536U;
  size_t len  = 0U;
  char*  buf  = (char*)malloc(size + 1U);
  char*  end  = NULL;

  // The head
  while (buf && !end) {
    if (len == size) {
      return false;
    }
    const ssize_t n = read(fd, buf + len, size - len);
    if (n <= 0) {
      return false;
    }
    len += (size_t)n;
    buf[len] = '\0';
    end      = strstr(buf, "\r\n\r\n");
  }
  const size_t head_len = (size_t)(end - buf) + 4U;

  // The body, after a 100 Continue if the client waits for it
  const char* const expect = header_value(buf, "Expect");
  if (expect && !strcasecmp(expect, "100-continue")) {
    static const char go_on[] = "HTTP/1.1 100 Continue\r\n\r\n";
    write_all(fd, go_on, sizeof(go_on) - 1U);
  }
  const char* const cl      = header_value(buf, "Content-Length");
  const bool        no_read = answer[0] == NO_READ[0];
  const size_t body_len = cl && !no_read ? (size_t)strtoul(cl, NULL, 10) : 0U;
  if (no_read) {
    len = head_len;
  }
  if (head_len + body_len > size) {
    size               = head_len + body_len;
    char* const bigger = (char*)realloc(buf, size + 1U);
    if (!bigger) {
      return false;
    }
    buf = bigger;
  }
  while (len < head_len + body_len) {
    const ssize_t n = read(fd, buf + len, head_len + body_len - len);
    if (n <= 0) {
      return false;
    }
    len += (size_t)n;
  }

  FILE* const f = fopen(path, "wb");
  if (!f || fwrite(buf, 1U, len, f) != len || fclose(f)) {
    return false;
  }
  free(buf);
  return send_answer(fd, answer + no_read);
}

/// Start a server that answers `n` requests with `answers`, in order, with
/// a receive buffer of `rcvbuf` bytes (0: the system's default).
static Server
server_start_with(const char* const* const answers,
                  const size_t             n,
                  const int                rcvbuf)
{
  Server server = {-1, 0, ""};
  snprintf(server.dir, sizeof(server.dir), "%s", tmp_dir());

  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  cr_assert_geq(fd, 0);
  struct sockaddr_in addr;
  memset(&addr, 0, sizeof(addr));
  addr.sin_family      = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port        = 0; // Any free port
  socklen_t addr_len   = sizeof(addr);
  cr_assert_eq(bind(fd, (struct sockaddr*)&addr, sizeof(addr)), 0);
  if (rcvbuf) {
    // Before listen(), so that the connections have it from the start
    cr_assert_eq(setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf)),
                 0);
  }
  cr_assert_eq(listen(fd, 4), 0);
  cr_assert_eq(getsockname(fd, (struct sockaddr*)&addr, &addr_len), 0);
  server.port = ntohs(addr.sin_port);

  fflush(NULL);
  server.pid = fork();
  cr_assert_geq(server.pid, 0);
  if (!server.pid) {
    alarm(20U); // Never outlive a broken test
    for (size_t i = 0U; i < n; ++i) {
      const int conn = accept(fd, NULL, NULL);
      char      name[32];
      snprintf(name, sizeof(name), "req-%zu", i);
      if (conn < 0 || !serve(conn, path_in(server.dir, name), answers[i])) {
        _exit(1);
      }
      shutdown(conn, SHUT_WR);
      char drain[256];
      while (read(conn, drain, sizeof(drain)) > 0) {
      }
      close(conn);
    }
    _exit(0);
  }

  close(fd);
  return server;
}

/// Start a server that answers `n` requests with `answers`, in order.
static Server
server_start(const char* const* const answers, const size_t n)
{
  return server_start_with(answers, n, 0);
}

/// Wait for the server to end, and return how many requests it recorded.
static size_t
server_wait(Server* const server)
{
  kill(server->pid, SIGTERM); // If it still waits for a request
  int status = 0;
  waitpid(server->pid, &status, 0);

  size_t n = 0U;
  for (char name[32]; n < MAX_ANSWERS; ++n) {
    snprintf(name, sizeof(name), "req-%zu", n);
    if (!exists(path_in(server->dir, name))) {
      break;
    }
  }
  return n;
}

/// Return request number `i` that the server recorded (free()).
static char*
server_request(const Server* const server, const size_t i)
{
  char name[32];
  snprintf(name, sizeof(name), "req-%zu", i);
  char* const text = read_file(path_in(server->dir, name));
  cr_assert_not_null(text, "request %zu was not recorded", i);
  return text;
}

/// Return the URL of `path` on `server` (a static buffer).
static const char*
url_of(const Server* const server, const char* const path)
{
  static char url[256];
  snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", server->port, path);
  return url;
}

/// Return the body of the recorded request `text`.
static const char*
body_of(const char* const text)
{
  const char* const end = strstr(text, "\r\n\r\n");
  cr_assert_not_null(end);
  return end + 4;
}

/// Write the test graph and return its path.
static const char*
write_graph(void)
{
  static char path[1024];
  snprintf(path, sizeof(path), "%s", path_in(tmp_dir(), "g.ttl"));
  write_file(path, graph_ttl);
  return path;
}

/// Write an auth file with `mode` and return its path.
static const char*
write_auth(const char* const text, const mode_t mode)
{
  static char path[1024];
  snprintf(path, sizeof(path), "%s", path_in(tmp_dir(), "auth"));
  write_file(path, text);
  cr_assert_eq(chmod(path, mode), 0);
  return path;
}

/// What `kgraph export --to SYNTAX INPUT` writes (free()).
static char*
exported(const char* const input, const char* const syntax)
{
  Run r = run("export", "--to", syntax, input, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  char* const out = r.out;
  r.out           = NULL;
  run_free(&r);
  return out;
}

static void
setup(void)
{
  // No credentials nor proxy from the environment of the test run
  unsetenv("KGRAPH_USER");
  unsetenv("KGRAPH_PASSWORD");
  unsetenv("http_proxy");
  unsetenv("HTTP_PROXY");
  unsetenv("all_proxy");
  unsetenv("ALL_PROXY");
  setenv("no_proxy", "*", 1);
}

TestSuite(push, .init = setup, .timeout = 30.0);

/*
  Usage and input errors: the store is never asked
*/

Test(push, missing_endpoint)
{
  Run r = run("push", write_graph(), NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert_str_eq(r.err,
                   "kgraph: missing --endpoint\n"
                   "Try 'kgraph push --help' for more information.\n");
  run_free(&r);

  r = run("push", "--endpoint", "http://127.0.0.1:1/store", NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert(strstr(r.err, "missing INPUT"), "%s", r.err);
  run_free(&r);
}

Test(push, bad_format)
{
  Run r = run("push",
              "--endpoint",
              "http://127.0.0.1:1/store",
              "--format",
              "turtle",
              write_graph(),
              NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert(!strncmp(r.err, "kgraph: unknown format 'turtle' (known: ", 40U),
            "%s",
            r.err);
  cr_assert(strstr(r.err, "ntriples"), "%s", r.err);
  run_free(&r);
}

Test(push, bad_endpoint_and_graph)
{
  const char* const in = write_graph();

  Run r = run("push", "--endpoint", "ftp://127.0.0.1/store", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert(strstr(r.err, "is not an http:// or https:// URL"), "%s", r.err);
  run_free(&r);

  // Credentials in the URL are refused, and not echoed
  r = run("push", "--endpoint", "http://bob:hunter2@127.0.0.1:1/s", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert(strstr(r.err, "holds credentials"), "%s", r.err);
  cr_assert_null(strstr(r.err, "hunter2"), "%s", r.err);
  run_free(&r);

  r = run("push",
          "--endpoint",
          "http://127.0.0.1:1/store",
          "--graph",
          "no-scheme",
          in,
          NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert(
    strstr(r.err, "graph 'no-scheme' is not an absolute IRI"), "%s", r.err);
  run_free(&r);
}

Test(push, auth_file_readable_by_others_is_refused)
{
  const char* const   in      = write_graph();
  static const mode_t modes[] = {0644, 0640, 0604, 0660};
  for (size_t i = 0U; i < sizeof(modes) / sizeof(modes[0]); ++i) {
    const char* const auth = write_auth("dba:secret\n", modes[i]);
    Run               r    = run("push",
                "--endpoint",
                "http://127.0.0.1:1/store",
                "--auth-file",
                auth,
                in,
                NULL);
    cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
    char expected[256];
    snprintf(expected, sizeof(expected), "permissions %04o of '", modes[i]);
    cr_assert(!strncmp(r.err, "kgraph: error: ", 15U), "%s", r.err);
    cr_assert(strstr(r.err, expected), "%s", r.err);
    cr_assert(strstr(r.err, "chmod 600"), "%s", r.err);
    cr_assert_null(strstr(r.err, "secret"), "%s", r.err);
    run_free(&r);
  }
}

Test(push, auth_file_that_is_a_fifo_is_refused_without_waiting)
{
  // Opening a FIFO for reading waits for a writer: the file is opened
  // without waiting, then refused as not a regular file
  const char* const in   = write_graph();
  const char* const fifo = path_in(tmp_dir(), "auth-fifo");
  cr_assert_eq(mkfifo(fifo, 0600), 0, "%s", strerror(errno));
  Run r = run("push",
              "--endpoint",
              "http://127.0.0.1:1/store",
              "--auth-file",
              fifo,
              in,
              NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  char expected[1200];
  snprintf(expected,
           sizeof(expected),
           "kgraph: error: '%s' is not a regular file\n",
           fifo);
  cr_assert_str_eq(r.err, expected);
  run_free(&r);
}

Test(push, auth_file_is_checked_before_it_is_opened)
{
  // A writer waits in open() until the FIFO has a reader: kgraph must refuse
  // the FIFO without opening it, so the writer stays where it is
  const char* const in   = write_graph();
  const char* const fifo = path_in(tmp_dir(), "auth-fifo");
  cr_assert_eq(mkfifo(fifo, 0600), 0, "%s", strerror(errno));
  fflush(NULL);
  const pid_t writer = fork();
  cr_assert_geq(writer, 0);
  if (!writer) {
    alarm(20U);
    const int fd = open(fifo, O_WRONLY);
    _exit(fd < 0 ? 1 : 7);
  }
  usleep(100000); // Let the writer reach open()

  Run r = run("push",
              "--endpoint",
              "http://127.0.0.1:1/store",
              "--auth-file",
              fifo,
              in,
              NULL);
  cr_expect_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_expect(strstr(r.err, "is not a regular file"), "%s", r.err);
  usleep(200000);
  int status = 0;
  cr_expect_eq(waitpid(writer, &status, WNOHANG), 0, "the FIFO was opened");
  kill(writer, SIGKILL);
  waitpid(writer, &status, 0);
  run_free(&r);
}

Test(push, auth_file_behind_a_symbolic_link)
{
  // The link is followed, and its target checked
  const char* const in     = write_graph();
  const char* const target = write_auth("dba:secret\n", 0644);
  const char* const link   = path_in(tmp_dir(), "auth-link");
  cr_assert_eq(symlink(target, link), 0, "%s", strerror(errno));
  Run r = run("push",
              "--endpoint",
              "http://127.0.0.1:1/store",
              "--auth-file",
              link,
              in,
              NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  char expected[2400];
  snprintf(expected,
           sizeof(expected),
           "kgraph: error: permissions 0644 of '%s' are too open: a file with "
           "a password must not be accessible by group or others (chmod 600 "
           "'%s')\n",
           link,
           link);
  cr_assert_str_eq(r.err, expected);
  run_free(&r);

  // A private target is read
  cr_assert_eq(chmod(target, 0600), 0);
  const char* const answers[] = {
    "HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"};
  Server server = server_start(answers, 1U);
  r             = run(
    "push", "--endpoint", url_of(&server, "/s"), "--auth-file", link, in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_eq(server_wait(&server), 1U);
  run_free(&r);
}

Test(push, auth_file_missing_or_malformed)
{
  const char* const in      = write_graph();
  const char* const missing = path_in(tmp_dir(), "no-such-file");
  Run               r       = run("push",
              "--endpoint",
              "http://127.0.0.1:1/store",
              "--auth-file",
              missing,
              in,
              NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT);
  char expected[1200];
  snprintf(expected,
           sizeof(expected),
           "kgraph: error: cannot open '%s': No such file or directory\n",
           missing);
  cr_assert_str_eq(r.err, expected);
  run_free(&r);

  static const char* const bad[] = {"no colon\n", ":password\n", "", "\n"};
  for (size_t i = 0U; i < sizeof(bad) / sizeof(bad[0]); ++i) {
    const char* const auth = write_auth(bad[i], 0600);
    r                      = run("push",
            "--endpoint",
            "http://127.0.0.1:1/store",
            "--auth-file",
            auth,
            in,
            NULL);
    cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", bad[i]);
    cr_assert(strstr(r.err, "must hold one line 'user:password'"), "%s", r.err);
    run_free(&r);
  }
}

Test(push, half_of_the_credentials_in_the_environment)
{
  setenv("KGRAPH_USER", "dba", 1);
  Run r =
    run("push", "--endpoint", "http://127.0.0.1:1/store", write_graph(), NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert(strstr(r.err, "KGRAPH_USER is set, but KGRAPH_PASSWORD is not"),
            "%s",
            r.err);
  run_free(&r);
}

Test(push, bad_input_sends_nothing)
{
  const char* const in = path_in(tmp_dir(), "bad.ttl");
  write_file(in, "<http://example.org/a> <http://example.org/b> .\n");
  const char* const answers[] = {"HTTP/1.1 204 No Content\r\n\r\n"};
  Server            server    = server_start(answers, 1U);
  Run r = run("push", "--endpoint", url_of(&server, "/store"), in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert_eq(server_wait(&server), 0U);
  run_free(&r);
}

/*
  Requests
*/

Test(push, put_replaces_the_default_graph)
{
  const char* const in        = write_graph();
  const char* const answers[] = {
    "HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"};
  Server server = server_start(answers, 1U);

  Run r = run("push", "--endpoint", url_of(&server, "/store"), in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_eq(server_wait(&server), 1U);

  char* const req  = server_request(&server, 0U);
  char* const body = exported(in, DEFAULT_FORMAT);
  cr_assert(!strncmp(req, "PUT /store?default HTTP/1.1\r\n", 29U), "%s", req);
  cr_assert_str_eq(header_value(req, "Content-Type"), DEFAULT_MEDIA_TYPE);
  cr_assert_null(header_value(req, "Authorization"));
  cr_assert_str_eq(body_of(req), body);

  char expected[512];
  snprintf(expected,
           sizeof(expected),
           "kgraph: pushed 2 triples (%zu bytes) to %s (HTTP 201)\n",
           strlen(body),
           url_of(&server, "/store?default"));
  cr_assert_str_eq(r.err, expected);
  cr_assert_str_eq(r.out, "");
  free(body);
  free(req);
  run_free(&r);
}

Test(push, on_a_terminal_shows_its_phases_and_clears_the_line)
{
  const char* const in        = write_graph();
  const char* const answers[] = {
    "HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"};
  Server server = server_start(answers, 1U);

  static const KgTerminal terminal = {true, false, 0U, 0U, 0U};
  Run                     r        = run_on(
    &terminal, "push", "--endpoint", url_of(&server, "/store"), in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_eq(server_wait(&server), 1U);
  cr_expect_not_null(strstr(r.err, "\rkgraph: reading '"), "%s", r.err);
  cr_expect_not_null(
    strstr(r.err, "\rkgraph: sorting: 2 triples"), "%s", r.err);
  cr_expect_not_null(strstr(r.err, "\rkgraph: writing: "), "%s", r.err);

  // What stays on screen is the report, after the line was cleared
  const char* const report = strstr(r.err, "kgraph: pushed 2 triples");
  cr_assert_not_null(report, "%s", r.err);
  cr_expect_eq(report[-1], '\r', "%s", r.err);
  cr_expect_null(strchr(report, '\r'), "%s", r.err);
  run_free(&r);
}

Test(push, append_posts_to_a_named_graph)
{
  const char* const in        = write_graph();
  const char* const answers[] = {"HTTP/1.1 204 No Content\r\n\r\n"};
  Server            server    = server_start(answers, 1U);

  // Every byte outside of the unreserved ones is percent-encoded
  Run r = run("push",
              "--endpoint",
              url_of(&server, "/store"),
              "--graph",
              "http://example.org/g?x=1&y=\xC3\xA9#f",
              "--append",
              "--format",
              "ntriples",
              "-q",
              in,
              NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.err, "");
  cr_assert_eq(server_wait(&server), 1U);

  char* const       req  = server_request(&server, 0U);
  char* const       body = exported(in, "ntriples");
  static const char line[] =
    "POST /store?graph=http%3A%2F%2Fexample.org%2Fg%3Fx%3D1%26y%3D%C3%A9%23f "
    "HTTP/1.1\r\n";
  cr_assert(!strncmp(req, line, sizeof(line) - 1U), "%s", req);
  cr_assert_str_eq(header_value(req, "Content-Type"), "application/n-triples");
  cr_assert_str_eq(header_value(req, "Content-Type"),
                   kg_syntax_media_type(KG_SYNTAX_NTRIPLES));
  cr_assert_str_eq(body_of(req), body);
  free(body);
  free(req);
  run_free(&r);
}

Test(push, endpoint_with_a_query)
{
  const char* const answers[] = {"HTTP/1.1 200 OK\r\n\r\n"};
  Server            server    = server_start(answers, 1U);
  Run               r         = run("push",
              "--endpoint",
              url_of(&server, "/store?db=main"),
              "--graph",
              "urn:g",
              write_graph(),
              NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_eq(server_wait(&server), 1U);
  char* const req = server_request(&server, 0U);
  cr_assert(!strncmp(req, "PUT /store?db=main&graph=urn%3Ag HTTP/1.1\r\n", 43U),
            "%s",
            req);
  free(req);
  run_free(&r);
}

Test(push, rdfxml_body)
{
  const char* const in        = write_graph();
  const char* const answers[] = {"HTTP/1.1 201 Created\r\n\r\n"};
  Server            server    = server_start(answers, 1U);
  Run               r         = run("push",
              "--endpoint",
              url_of(&server, "/store"),
              "--format",
              "rdfxml",
              in,
              NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_eq(server_wait(&server), 1U);
  char* const req  = server_request(&server, 0U);
  char* const body = exported(in, "rdfxml");
  cr_assert_str_eq(header_value(req, "Content-Type"), "application/rdf+xml");
  // The syntax table's media type, the one every list of kgraph shows
  cr_assert_str_eq(header_value(req, "Content-Type"),
                   kg_syntax_media_type(KG_SYNTAX_RDFXML));
  cr_assert_str_eq(body_of(req), body);
  free(body);
  free(req);
  run_free(&r);
}

Test(push, basic_auth_from_a_file)
{
  const char* const in = write_graph();
  const char* const auth =
    write_auth("alice:s3cret:with colon\r\nignored\n", 0600);
  const char* const answers[] = {
    "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"kg\"\r\n"
    "Content-Length: 0\r\nConnection: close\r\n\r\n",
    "HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"};
  Server server = server_start(answers, 2U);

  Run r = run("push",
              "--endpoint",
              url_of(&server, "/store"),
              "--auth-file",
              auth,
              "--password-in-clear",
              in,
              NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_eq(server_wait(&server), 2U);

  // The password is sent only when the store asks for it, and never shown
  char* const first  = server_request(&server, 0U);
  char* const second = server_request(&server, 1U);
  cr_assert_null(header_value(first, "Authorization"));
  // base64("alice:s3cret:with colon")
  cr_assert_str_eq(header_value(second, "Authorization"),
                   "Basic YWxpY2U6czNjcmV0OndpdGggY29sb24=");
  cr_assert_null(strstr(r.err, "s3cret"), "%s", r.err);
  free(first);
  free(second);
  run_free(&r);
}

Test(push, basic_auth_from_the_environment)
{
  setenv("KGRAPH_USER", "bob", 1);
  setenv("KGRAPH_PASSWORD", "pw", 1);
  const char* const answers[] = {
    "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"kg\"\r\n"
    "Content-Length: 0\r\nConnection: close\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"};
  Server server = server_start(answers, 2U);
  Run    r      = run("push",
              "--endpoint",
              url_of(&server, "/store"),
              "--password-in-clear",
              write_graph(),
              NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_eq(server_wait(&server), 2U);
  char* const second = server_request(&server, 1U);
  cr_assert_str_eq(header_value(second, "Authorization"), "Basic Ym9iOnB3");
  free(second);
  run_free(&r);
}

Test(push, basic_auth_over_http_is_refused)
{
  // The password would go in clear: it is never sent, even when the store
  // asks for it twice
  const char* const auth      = write_auth("alice:s3cret\n", 0600);
  const char* const answers[] = {
    "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"kg\"\r\n"
    "Content-Length: 0\r\nConnection: close\r\n\r\n",
    "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"kg\"\r\n"
    "Content-Length: 0\r\nConnection: close\r\n\r\n"};
  Server server = server_start(answers, 2U);
  Run    r      = run("push",
              "--endpoint",
              url_of(&server, "/s"),
              "--auth-file",
              auth,
              write_graph(),
              NULL);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT, "%s", r.err);
  const size_t n = server_wait(&server);
  cr_assert_geq(n, 1U);
  for (size_t i = 0U; i < n; ++i) {
    char* const req = server_request(&server, i);
    cr_assert_null(header_value(req, "Authorization"), "%s", req);
    free(req);
  }
  char expected[512];
  snprintf(expected,
           sizeof(expected),
           "kgraph: error: PUT %s: the store asks for basic authentication "
           "over http://, which would send the password in clear: it was not "
           "sent; use an https:// endpoint, or --password-in-clear\n",
           url_of(&server, "/s?default"));
  cr_assert_str_eq(r.err, expected);
  run_free(&r);
}

Test(push, digest_auth_over_http)
{
  // Digest sends a hash, not the password: allowed over http://, and chosen
  // when the store offers both
  const char* const auth      = write_auth("alice:s3cret\n", 0600);
  const char* const answers[] = {
    "HTTP/1.1 401 Unauthorized\r\n"
    "WWW-Authenticate: Basic realm=\"kg\"\r\n"
    "WWW-Authenticate: Digest realm=\"kg\", nonce=\"abc\", qop=\"auth\"\r\n"
    "Content-Length: 0\r\nConnection: close\r\n\r\n",
    "HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"};
  Server server = server_start(answers, 2U);
  Run    r      = run("push",
              "--endpoint",
              url_of(&server, "/s"),
              "--auth-file",
              auth,
              write_graph(),
              NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_eq(server_wait(&server), 2U);
  char* const       second        = server_request(&server, 1U);
  const char* const authorization = header_value(second, "Authorization");
  cr_assert_not_null(authorization, "%s", second);
  cr_assert(!strncmp(authorization, "Digest username=\"alice\"", 23U),
            "%s",
            authorization);
  cr_assert_null(strstr(second, "s3cret"), "%s", second);
  free(second);
  run_free(&r);
}

Test(push, credentials_for_a_store_that_asks_for_none)
{
  // The graph goes in the first request: no empty PUT first, which would
  // replace the graph with nothing
  const char* const in        = write_graph();
  const char* const auth      = write_auth("alice:s3cret\n", 0600);
  const char* const answers[] = {
    "HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"};
  Server server = server_start(answers, 1U);
  Run    r      = run(
    "push", "--endpoint", url_of(&server, "/s"), "--auth-file", auth, in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_eq(server_wait(&server), 1U);
  char* const req  = server_request(&server, 0U);
  char* const body = exported(in, DEFAULT_FORMAT);
  cr_assert_str_eq(body_of(req), body);
  cr_assert_null(header_value(req, "Authorization"), "%s", req);
  free(body);
  free(req);
  run_free(&r);
}

/*
  Failures: exit status 4, with the status and the store's message
*/

Test(push, refused_with_a_text_message)
{
  const char* const answers[] = {
    "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n"
    "Connection: close\r\n\r\n"
    "Parse error on line 3:\n\n\t unexpected   token\n"};
  Server server = server_start(answers, 1U);
  Run    r      = run("push",
              "--endpoint",
              url_of(&server, "/store"),
              "--graph",
              "urn:g",
              "--append",
              write_graph(),
              NULL);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT);
  server_wait(&server);
  char expected[512];
  snprintf(expected,
           sizeof(expected),
           "kgraph: error: POST %s: HTTP 400 Bad Request: Parse error on line "
           "3: unexpected token\n",
           url_of(&server, "/store?graph=urn%3Ag"));
  cr_assert_str_eq(r.err, expected);
  run_free(&r);
}

Test(push, refused_with_an_html_page)
{
  // As Virtuoso answers
  const char* const answers[] = {
    "HTTP/1.1 500 Request Failed\r\nContent-Type: text/html; charset=UTF-8\r\n"
    "Connection: close\r\n\r\n"
    "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html>\n  <head>\n"
    "    <title>SPARQL Graph Protocol request failed</title>\n  </head>\n"
    "  <body>\n    <h1>HTTP/1.1 500 Request Failed</h1>\n"
    "    <h3>Error 22023</h3>\n<xmp>The PUT request for graph &lt;urn:g&gt; "
    "is <b>rejected</b></xmp></body></html>"};
  Server server = server_start(answers, 1U);
  Run    r      = run("push",
              "--endpoint",
              url_of(&server, "/store"),
              "--graph",
              "urn:g",
              write_graph(),
              NULL);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT);
  server_wait(&server);
  char expected[512];
  snprintf(expected,
           sizeof(expected),
           "kgraph: error: PUT %s: HTTP 500 Request Failed: Error 22023: The "
           "PUT request for graph <urn:g> is rejected\n",
           url_of(&server, "/store?graph=urn%3Ag"));
  cr_assert_str_eq(r.err, expected);
  run_free(&r);
}

Test(push, long_message_is_cut)
{
  static char answer[4096];
  int         len = snprintf(answer,
                     sizeof(answer),
                     "HTTP/1.1 503 Service Unavailable\r\nConnection: "
                             "close\r\n\r\n");
  for (int i = 0; i < 1000; ++i) {
    answer[len++] = (char)('a' + i % 26);
  }
  answer[len] = '\0';

  const char* const answers[] = {answer};
  Server            server    = server_start(answers, 1U);
  Run r = run("push", "--endpoint", url_of(&server, "/s"), write_graph(), NULL);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT);
  server_wait(&server);

  const char* const message = strstr(r.err, "HTTP 503 Service Unavailable: ");
  cr_assert_not_null(message, "%s", r.err);
  const size_t message_len = strlen(message + 30U);
  cr_assert(message_len >= 250U && message_len <= 305U, "%zu", message_len);
  cr_assert(strstr(message, "...\n"), "%s", r.err);
  run_free(&r);
}

Test(push, unauthorized_without_credentials)
{
  const char* const answers[] = {
    "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"SPARQL\", "
    "nonce=\"abc\", qop=\"auth\"\r\nContent-Length: 0\r\nConnection: "
    "close\r\n\r\n"};
  Server server = server_start(answers, 1U);
  Run r = run("push", "--endpoint", url_of(&server, "/s"), write_graph(), NULL);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT);
  server_wait(&server);
  char expected[512];
  snprintf(expected,
           sizeof(expected),
           "kgraph: error: PUT %s: HTTP 401 Unauthorized\n"
           "kgraph: note: no credentials were given: use --auth-file, or "
           "KGRAPH_USER and KGRAPH_PASSWORD\n",
           url_of(&server, "/s?default"));
  cr_assert_str_eq(r.err, expected);
  run_free(&r);
}

Test(push, no_server)
{
  // A port that was free a moment ago
  const int          fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in addr;
  memset(&addr, 0, sizeof(addr));
  addr.sin_family      = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t addr_len   = sizeof(addr);
  cr_assert_eq(bind(fd, (struct sockaddr*)&addr, sizeof(addr)), 0);
  cr_assert_eq(getsockname(fd, (struct sockaddr*)&addr, &addr_len), 0);
  close(fd);

  char url[64];
  snprintf(url, sizeof(url), "http://127.0.0.1:%d/s", ntohs(addr.sin_port));
  Run r = run("push", "--endpoint", url, write_graph(), NULL);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT);
  char expected[128];
  snprintf(expected, sizeof(expected), "kgraph: error: PUT %s?default: ", url);
  cr_assert(!strncmp(r.err, expected, strlen(expected)), "%s", r.err);
  cr_assert(strstr(r.err, "onnect"), "%s", r.err); // curl's own words
  run_free(&r);
}

Test(push, large_upload)
{
  // Over 1 MiB: curl asks the server to confirm before it sends the body
  const char* const in = path_in(tmp_dir(), "large.nt");
  FILE* const       f  = fopen(in, "wb");
  cr_assert_not_null(f);
  for (int i = 0; i < 12000; ++i) {
    fprintf(f,
            "<http://example.org/s%d> <http://example.org/p> \"%0100d\" .\n",
            i,
            i);
  }
  cr_assert_eq(fclose(f), 0);

  const char* const answers[] = {"HTTP/1.1 204 No Content\r\n\r\n"};
  Server            server    = server_start(answers, 1U);
  Run               r         = run("push",
              "--endpoint",
              url_of(&server, "/s"),
              "--format",
              "ntriples",
              "--append",
              in,
              NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_eq(server_wait(&server), 1U);

  char* const req  = server_request(&server, 0U);
  char* const body = exported(in, "ntriples");
  cr_assert_gt(strlen(body), 1024U * 1024U);
  cr_assert_str_eq(header_value(req, "Expect"), "100-continue");
  cr_assert(strlen(body_of(req)) == strlen(body) &&
            !strcmp(body_of(req), body));
  cr_assert(strstr(r.err, "kgraph: pushed 12000 triples ("), "%s", r.err);
  free(body);
  free(req);
  run_free(&r);
}

Test(push, redirect_is_not_followed)
{
  const char* const answers[] = {
    "HTTP/1.1 301 Moved \x1b[31mPermanently\r\n"
    "Location: https://store.example/gsp\r\nContent-Length: 0\r\n"
    "Connection: close\r\n\r\n"};
  Server server = server_start(answers, 1U);
  Run r = run("push", "--endpoint", url_of(&server, "/s"), write_graph(), NULL);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT);
  cr_assert_eq(server_wait(&server), 1U);

  // What the server says is shown without its control characters
  char expected[512];
  snprintf(expected,
           sizeof(expected),
           "kgraph: error: PUT %s: HTTP 301 Moved \\u001B[31mPermanently\n"
           "kgraph: note: the store redirects to 'https://store.example/gsp': "
           "kgraph does not follow redirects, use that URL as --endpoint\n",
           url_of(&server, "/s?default"));
  cr_assert_str_eq(r.err, expected);
  run_free(&r);
}

Test(push, terminal_controls_in_the_reply_are_escaped)
{
  // ESC, a raw C1 CSI byte, U+009B (C1 CSI as UTF-8) and U+202E (right-to-
  // left override), in the reason phrase, the body and the Location
  const char* const answers[] = {
    "HTTP/1.1 307 Moved \x1b[8m\x9b\r\n"
    "Location: http://x.example/\xc2\x9b"
    "31m\xe2\x80\xae"
    "gsp\x1b]0;t\x07\r\n"
    "Content-Type: text/plain\r\nConnection: close\r\n\r\n"
    "hidden \x1b[8mchange \x9b"
    "2J \xc2\x9b"
    "0m \xe2\x80\xae"
    "txt.exe\n"};
  Server server = server_start(answers, 1U);
  Run r = run("push", "--endpoint", url_of(&server, "/s"), write_graph(), NULL);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT);
  cr_assert_eq(server_wait(&server), 1U);

  cr_expect_null(strchr(r.err, '\x1b'), "%s", r.err);
  cr_expect_null(strchr(r.err, '\x07'), "%s", r.err);
  cr_expect_null(strchr(r.err, '\x9b'), "%s", r.err);
  cr_expect_null(strstr(r.err, "\xe2\x80\xae"), "%s", r.err);

  // Escaped, so that what the store sent can still be read
  char expected[1024];
  snprintf(expected,
           sizeof(expected),
           "kgraph: error: PUT %s: HTTP 307 Moved \\u001B[8m\\x9B: hidden "
           "\\u001B[8mchange \\x9B2J \\u009B0m \\u202Etxt.exe\n"
           "kgraph: note: the store redirects to "
           "'http://x.example/\\u009B31m\\u202Egsp\\u001B]0;t\\u0007': "
           "kgraph does not follow redirects, use that URL as --endpoint\n",
           url_of(&server, "/s?default"));
  cr_assert_str_eq(r.err, expected);
  run_free(&r);
}

/*
  Time limits: a store that does not answer, or stops half-way, fails the
  push (exit status 4) instead of keeping kgraph waiting for ever
*/

/// Return the seconds since `start`.
static double
seconds_since(const struct timespec* const start)
{
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - start->tv_sec) +
         (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

Test(push, store_that_never_answers)
{
  const char* const answers[] = {STALL};
  Server            server    = server_start(answers, 1U);
  struct timespec   start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  Run          r       = run("push",
              "--endpoint",
              url_of(&server, "/s"),
              "--timeout",
              "1",
              write_graph(),
              NULL);
  const double elapsed = seconds_since(&start);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT, "%s", r.err);
  cr_assert_eq(server_wait(&server), 1U);
  cr_expect(elapsed >= 0.9 && elapsed < 5.0, "%.2f s", elapsed);
  cr_log_info("a store that never answers: failed after %.2f s", elapsed);

  // What the store got
  char* const req = server_request(&server, 0U);
  char        expected[1024];
  snprintf(expected,
           sizeof(expected),
           "kgraph: error: PUT %s: the store did not answer within 1 s; all "
           "%zu bytes of the graph were sent, and the store may have stored "
           "them\n"
           "kgraph: note: --timeout=SECONDS sets how long to wait (0: for "
           "ever)\n",
           url_of(&server, "/s?default"),
           strlen(body_of(req)));
  cr_assert_str_eq(r.err, expected);
  free(req);
  run_free(&r);
}

Test(push, answer_that_stops_half_way)
{
  // A head that promises 100 bytes, and 1 byte of them
  const char* const answers[] = {
    "HTTP/1.1 201 Created\r\nContent-Length: 100\r\n\r\nx" STALL};
  Server          server = server_start(answers, 1U);
  struct timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  Run          r       = run("push",
              "--endpoint",
              url_of(&server, "/s"),
              "--timeout",
              "1",
              write_graph(),
              NULL);
  const double elapsed = seconds_since(&start);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT, "%s", r.err);
  cr_assert_eq(server_wait(&server), 1U);
  cr_expect(elapsed >= 0.9 && elapsed < 5.0, "%.2f s", elapsed);
  cr_log_info("an answer that stops half-way: failed after %.2f s", elapsed);
  cr_assert(strstr(r.err,
                   "the store's answer did not end within 1 s (1 of 100 "
                   "bytes received); all "),
            "%s",
            r.err);
  run_free(&r);
}

Test(push, stalled_answer)
{
  // Without a time limit, a transfer that stands still still fails
  const char* const answers[] = {
    "HTTP/1.1 201 Created\r\nContent-Length: 100\r\n\r\nx" STALL};
  Server          server = server_start(answers, 1U);
  struct timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  Run          r       = run("push",
              "--endpoint",
              url_of(&server, "/s"),
              "--timeout",
              "0",
              "--stall-timeout",
              "1",
              write_graph(),
              NULL);
  const double elapsed = seconds_since(&start);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT, "%s", r.err);
  cr_assert_eq(server_wait(&server), 1U);
  cr_expect(elapsed >= 0.9 && elapsed < 5.0, "%.2f s", elapsed);
  cr_log_info("a stalled answer: failed after %.2f s", elapsed);
  char* const req = server_request(&server, 0U);
  char        expected[1024];
  snprintf(expected,
           sizeof(expected),
           "kgraph: error: PUT %s: the transfer stalled: 1 of 100 bytes of "
           "the answer received, none in the last 1 s; all %zu bytes of the "
           "graph were sent, and the store may have stored them\n"
           "kgraph: note: --stall-timeout=SECONDS sets how long a transfer "
           "may stand still (0: for ever)\n",
           url_of(&server, "/s?default"),
           strlen(body_of(req)));
  cr_assert_str_eq(r.err, expected);
  free(req);
  run_free(&r);
}

Test(push, store_that_works_before_it_answers)
{
  // The store's silence after the upload is its work, not a stall
  const char* const answers[] = {PAUSE "HTTP/1.1 201 Created\r\n"
                                       "Content-Length: 0\r\n"
                                       "Connection: close\r\n\r\n"};
  Server            server    = server_start(answers, 1U);
  Run               r         = run("push",
              "--endpoint",
              url_of(&server, "/s"),
              "--timeout",
              "10",
              "--stall-timeout",
              "1",
              write_graph(),
              NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_eq(server_wait(&server), 1U);
  cr_assert(strstr(r.err, "kgraph: pushed 2 triples"), "%s", r.err);
  run_free(&r);
}

Test(push, bad_time_limits)
{
  static const char* const bad[] = {"-1", "x", "1.5", "", "1000001"};
  for (size_t i = 0U; i < sizeof(bad) / sizeof(bad[0]); ++i) {
    Run r = run("push",
                "--endpoint",
                "http://127.0.0.1:1/s",
                i % 2U ? "--stall-timeout" : "--timeout",
                bad[i],
                write_graph(),
                NULL);
    cr_assert_eq(r.status, KG_EXIT_USAGE, "%s", r.err);
    cr_assert(strstr(r.err, "needs a number of seconds from 0 to 1000000"),
              "%s",
              r.err);
    run_free(&r);
  }
}

Test(push, stalled_upload)
{
  // A store that takes the head and no byte of the graph: once the socket
  // buffers are full, nothing moves.  The server's buffer is small, but
  // kgraph's may grow to a few megabytes: the graph is larger.
  const char* const in = path_in(tmp_dir(), "large.nt");
  FILE* const       f  = fopen(in, "wb");
  cr_assert_not_null(f);
  for (int i = 0; i < 60000; ++i) {
    fprintf(f,
            "<http://example.org/s%d> <http://example.org/p> \"%0100d\" .\n",
            i,
            i);
  }
  cr_assert_eq(fclose(f), 0);

  const char* const answers[] = {NO_READ STALL};
  Server            server    = server_start_with(answers, 1U, 4096);
  struct timespec   start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  Run          r       = run("push",
              "--endpoint",
              url_of(&server, "/s"),
              "--timeout",
              "0",
              "--stall-timeout",
              "1",
              in,
              NULL);
  const double elapsed = seconds_since(&start);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT, "%s", r.err);
  cr_assert_eq(server_wait(&server), 1U);
  cr_log_info("a stalled upload: failed after %.2f s", elapsed);
  cr_expect(elapsed < 10.0, "%.2f s", elapsed);

  char prefix[512];
  snprintf(prefix,
           sizeof(prefix),
           "kgraph: error: PUT %s: the upload stalled: nothing was sent in "
           "the last 1 s; ",
           url_of(&server, "/s?default"));
  cr_assert(!strncmp(r.err, prefix, strlen(prefix)), "%s", r.err);
  size_t sent = 0U;
  size_t size = 0U;
  cr_assert_eq(sscanf(r.err + strlen(prefix), "%zu of %zu bytes", &sent, &size),
               2,
               "%s",
               r.err);
  cr_assert(sent > 0U && sent < size, "%s", r.err);
  cr_log_info("a stalled upload: %zu of %zu bytes sent", sent, size);
  cr_assert(strstr(r.err,
                   " bytes of the graph were sent, so the store did "
                   "not get all of it\n"),
            "%s",
            r.err);
  run_free(&r);
}
