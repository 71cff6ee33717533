// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph push: one exchange with a triple store over HTTP, through libcurl
// (the request, the store's headers and answer, the progress line, the
// timeouts and stalls, and what is said when it fails).

#ifndef KG_CLI_PUSH_HTTP_H
#define KG_CLI_PUSH_HTTP_H

#include "cli.h"

#include <kgraph/kgraph.h>

#include <curl/curl.h>

#include <stdbool.h>
#include <stddef.h>

/// Credentials, kept in one buffer that is wiped after use.
typedef struct {
  char        buf[4096];
  const char* user;     ///< User name, or NULL for no authentication
  const char* password; ///< Password (never printed)
} KgPushCredentials;

/// A request that sends a graph.
typedef struct {
  const char*              url;
  const char*              method; ///< "PUT" or "POST"
  const char*              media_type;
  const char*              body;
  size_t                   body_len;
  const KgPushCredentials* creds;
  bool                     basic;   ///< Basic authentication is allowed
  long                     timeout; ///< Seconds for the exchange, or 0
  long                     stall;   ///< Seconds without a byte, or 0
} KgPushRequest;

/**
   Print `kgraph: PREFIX` and the formatted message on `cli->err`, with what
   came from elsewhere in it (a server's answer, a URL, a file name) made safe
   for a terminal: controls, direction overrides and bad bytes escaped.
*/
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void
kg_push_report(const KgCli* cli, const char* prefix, const char* fmt, ...);

/**
   Return the request URL: `endpoint` with `graph=IRI` (escaped), or with
   `default` if `graph` is NULL.

   @return A string to free(), or NULL if memory ran out.
*/
char*
kg_push_request_url(CURL* curl, const char* endpoint, const char* graph);

/**
   Send `req` with `curl`, and set `*code` to the HTTP status of the answer.

   @return KG_SUCCESS, KG_BAD_WRITE if the upload failed or the store refused
   it (said on `cli->err`), or KG_BAD_ALLOC / KG_BAD_INTERNAL.
*/
KG_NODISCARD KgStatus
kg_push_send(const KgCli*         cli,
             CURL*                curl,
             const KgPushRequest* req,
             long*                code);

#endif // KG_CLI_PUSH_HTTP_H
