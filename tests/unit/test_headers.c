// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Each public header is compiled alone in headers/h_*.c; this only makes
// sure those files are part of the build, and checks a few constants.

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>

int
kg_test_header_canon(void);
int
kg_test_header_graph(void);
int
kg_test_header_kgraph(void);
int
kg_test_header_shacl(void);
int
kg_test_header_shacl_report(void);
int
kg_test_header_status(void);
int
kg_test_header_syntax(void);
int
kg_test_header_text(void);
int
kg_test_header_version(void);

Test(headers, each_compiles_alone)
{
  cr_assert_eq(kg_test_header_canon() + kg_test_header_graph() +
                 kg_test_header_kgraph() + kg_test_header_shacl() +
                 kg_test_header_shacl_report() +
                 kg_test_header_status() +
                 kg_test_header_syntax() + kg_test_header_text() +
                 kg_test_header_version(),
               0);
}

Test(headers, version)
{
  cr_assert_str_eq(kg_version(), KG_VERSION_STRING);
}

// The headers and the library take their version from meson.build's
// project(), the one place it is written
Test(headers, version_is_the_projects)
{
  const char* const project = getenv("KG_PROJECT_VERSION");
  cr_assert_not_null(project);
  cr_assert_str_eq(kg_version(), project);
  char parts[64];
  const int n = snprintf(parts, sizeof(parts), "%d.%d.%d", KG_VERSION_MAJOR,
                         KG_VERSION_MINOR, KG_VERSION_MICRO);
  cr_assert(n > 0 && (size_t)n < sizeof(parts));
  cr_assert_str_eq(parts, project);
}

Test(headers, strerror_names_every_status)
{
  for (int st = KG_SUCCESS; st <= KG_BAD_UNSUPPORTED; ++st) {
    cr_assert_str_neq(kg_strerror((KgStatus)st), "unknown error");
  }
  cr_assert_str_eq(kg_strerror((KgStatus)999), "unknown error");
}
