/* SPDX-License-Identifier: Apache-2.0 */
/* A shared library that forgets to export xlite_register_custom_ops: the
 * CLI must say so. */
int xlite_test_not_the_entry_point(void) { return 42; }
