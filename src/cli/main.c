// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "cli.h"

#include <stdio.h>

int
main(int argc, char** argv)
{
  kg_cli_handle_signals();
  return kg_cli_main(argc, argv, stdout, stderr);
}
