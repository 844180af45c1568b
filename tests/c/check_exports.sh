#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# libxlite.so exports the C API and nothing else: every defined dynamic
# symbol is Xlite* at version XLITE_0.1, and every function declared in
# include/xlite/xlite_c.h is among them.
#   check_exports.sh build/libxlite.so
set -euo pipefail
lib=$1
header="$(dirname "$0")/../../include/xlite/xlite_c.h"
# Defined (not UND) dynamic symbols, without the version node entry itself.
syms=$("${NM:-nm}" -D --defined-only "$lib" | awk '{print $3}' | grep -v '^XLITE_0\.1$' | sort)
bad=$(grep -vE '^Xlite[A-Za-z]+@@XLITE_0\.1$' <<<"$syms" || true)
if [[ -n "$bad" ]]; then
  echo "symbols exported outside the C API or unversioned:"; echo "$bad" | head -20; exit 1
fi
declared=$(grep -oE 'XLITE_CAPI_EXPORT [^(]*\b(Xlite[A-Za-z]+)\(' "$header" | grep -oE 'Xlite[A-Za-z]+\($' | tr -d '(' | sort)
exported=$(sed 's/@@XLITE_0\.1$//' <<<"$syms")
missing=$(comm -23 <(echo "$declared") <(echo "$exported"))
if [[ -n "$missing" ]]; then
  echo "declared in xlite_c.h but not exported:"; echo "$missing"; exit 1
fi
echo "$(wc -l <<<"$exported") symbols, all Xlite*@@XLITE_0.1; $(wc -l <<<"$declared") declared"
