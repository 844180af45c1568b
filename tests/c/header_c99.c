/* SPDX-License-Identifier: Apache-2.0 */
/* include/xlite/xlite_c.h alone must compile as strict C99:
 *   gcc -std=c99 -Wall -Wextra -pedantic -Werror -fsyntax-only (ctest c_api_header_c99) */
#include "xlite/xlite_c.h"

int main(void) {
  XliteQuantizationParams q = {0.5f, 3};
  XliteStatus s = kXliteOk;
  XliteType t = kXliteBFloat16;
  return (int)(q.zero_point - 3) + (int)s + (int)(t - kXliteBFloat16);
}
