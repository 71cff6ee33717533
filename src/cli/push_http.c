// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The library never talks to the network: only kgraph push uses libcurl.

#include "push_http.h"

#include "cli.h"
#include "progress.h"
#include "push_text.h"

#include <kgraph/kgraph.h>

#include <curl/curl.h>

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/// The longest wait for a connection, in seconds (or --timeout if shorter).
#define CONNECT_TIMEOUT 30L

/// What the store answered.
typedef struct {
  char   reason[128];             ///< Reason phrase of the last status line
  char   content_type[128];       ///< Content-Type of the last answer
  char   location[512];           ///< Location of the last answer (redirects)
  char   body[KG_PUSH_BODY_SIZE]; ///< Start of the body of the last answer
  size_t body_len;
  bool   asks_basic;  ///< The last answer offers basic authentication
  bool   asks_digest; ///< The last answer offers digest authentication
} Answer;

void
kg_push_report(const KgCli* const cli,
               const char* const  prefix,
               const char*        fmt,
               ...)
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
  The request
*/

char*
kg_push_request_url(CURL* const       curl,
                    const char* const endpoint,
                    const char*       graph)
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
/// escaped when printed (kg_push_report()): a hostile server may send controls.
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
report_no_answer(const KgCli* const         cli,
                 const KgPushRequest* const req,
                 const Exchange* const      x,
                 const long                 timeout)
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
    kg_push_report(
      cli,
      "error: ",
      "%s %s: the upload stalled: nothing was sent in the last %ld s; %s",
      req->method,
      req->url,
      x->stall,
      what);
  } else if (x->stalled) {
    kg_push_report(
      cli,
      "error: ",
      "%s %s: the transfer stalled: %s of the answer received, none in "
      "the last %ld s; %s",
      req->method,
      req->url,
      got,
      x->stall,
      what);
  } else if (x->stage == STAGE_SENDING) {
    kg_push_report(cli,
                   "error: ",
                   "%s %s: the upload did not end within %ld s; %s",
                   req->method,
                   req->url,
                   timeout,
                   what);
  } else if (x->stage == STAGE_WAITING) {
    kg_push_report(cli,
                   "error: ",
                   "%s %s: the store did not answer within %ld s; %s",
                   req->method,
                   req->url,
                   timeout,
                   what);
  } else {
    kg_push_report(cli,
                   "error: ",
                   "%s %s: the store's answer did not end within %ld s (%s "
                   "received); %s",
                   req->method,
                   req->url,
                   timeout,
                   got,
                   what);
  }
  kg_push_report(cli,
                 "note: ",
                 "%s",
                 x->stalled
                   ? "--stall-timeout=SECONDS sets how long a transfer may "
                     "stand still (0: for ever)"
                   : "--timeout=SECONDS sets how long to wait (0: for ever)");
}

KgStatus
kg_push_send(const KgCli* const         cli,
             CURL* const                curl,
             const KgPushRequest* const req,
             long* const                code)
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
    kg_push_report(cli,
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
    kg_push_report(
      cli,
      "error: ",
      "%s %s: the store asks for basic authentication over http://, "
      "which would send the password in clear: it was not sent; use an "
      "https:// endpoint, or --password-in-clear",
      req->method,
      req->url);
    return KG_BAD_WRITE;
  }

  char message[KG_PUSH_MAX_MESSAGE + 8U];
  kg_push_summarize(answer.content_type,
                    answer.body,
                    answer.body_len,
                    message,
                    sizeof(message));
  const char* const reason =
    answer.reason[0] ? answer.reason : kg_push_reason_phrase(*code);
  kg_push_report(cli,
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
    kg_push_report(
      cli,
      "note: ",
      "the store redirects to '%s': kgraph does not follow redirects, "
      "use that URL as --endpoint",
      answer.location);
  } else if (*code == 401L) {
    if (req->creds->user) {
      kg_push_report(cli,
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
