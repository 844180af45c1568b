// SPDX-License-Identifier: Apache-2.0
// The graph passes. Each is a function over a verified Model that rewrites
// it in place, keeps it verified, returns whether it changed anything and
// logs each change. The pipeline (compiler/pipeline.h) runs them in order.
#pragma once

#include "ir/graph.h"
#include "passes/rewrite.h"

namespace xlite::passes {

bool fold_constants(Model& m, PassLog& log);   // fold_constants.cc
bool simplify(Model& m, PassLog& log);         // simplify.cc
bool cse(Model& m, PassLog& log);              // cse.cc
bool fuse_pad(Model& m, PassLog& log);         // fuse_pad.cc
bool fuse_affine(Model& m, PassLog& log);      // fuse_affine.cc
bool fuse_activation(Model& m, PassLog& log);  // fuse_activation.cc
bool fuse_epilogue(Model& m, PassLog& log);    // fuse_epilogue.cc
bool fuse_depthwise_pointwise(Model& m, PassLog& log);  // fuse_depthwise_pointwise.cc
bool fuse_int8_table(Model& m, PassLog& log);  // fuse_int8_table.cc
bool dce(Model& m, PassLog& log);              // dce.cc

}  // namespace xlite::passes
