// SPDX-License-Identifier: Apache-2.0
// Every pass keeps meaning: random small float graphs (made to contain the
// patterns the passes look for: constant subexpressions, identities,
// repeated ops, dead ops, explicit pads, standalone clamps) give the same
// outputs on the reference executor before and after each pass and after
// the whole pipeline. Random int8/uint8 elementwise graphs (swish in both
// operand orders, its LOGISTIC sometimes read elsewhere or returned, other
// table ops, products of two tensors) must agree bit for bit: the fast
// kernels after each pass against the reference kernels before.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

#include "compiler/pipeline.h"
#include "ir/text.h"
#include "ir/verify.h"
#include "passes/passes.h"
#include "runtime/executor.h"
#include "run_graph.h"

namespace xlite {
namespace {

using testing::expect_close;
using testing::run;

class RandomGraph {
 public:
  explicit RandomGraph(uint32_t seed) : rng_(seed) {}

  Model build() {
    m_.subgraphs.emplace_back();
    g().name = "main";
    const int32_t x = tensor({1, 4 + pick(3), 4 + pick(3), 1 + pick(3)}, "x");
    g().inputs.push_back(x);
    pool_.push_back(x);
    const int steps = 4 + pick(8);
    for (int s = 0; s < steps; ++s) step();
    g().outputs.push_back(pool_.back());
    if (pool_.size() > 2 && pick(2) == 0) {
      const int32_t extra = pool_[pick(static_cast<int>(pool_.size()) - 1)];
      if (extra != pool_.back() && extra != x) g().outputs.push_back(extra);
    }
    return std::move(m_);
  }

 private:
  Graph& g() { return m_.subgraphs[0]; }
  int pick(int n) { return static_cast<int>(rng_() % static_cast<uint32_t>(n)); }
  float value() { return std::uniform_real_distribution<float>(-1.0f, 1.0f)(rng_); }

  int32_t tensor(std::vector<int32_t> shape, std::string name = "") {
    Tensor t;
    t.name = std::move(name);
    t.shape = std::move(shape);
    g().tensors.push_back(std::move(t));
    return static_cast<int32_t>(g().tensors.size() - 1);
  }
  template <typename T>
  int32_t constant(DType dt, std::vector<int32_t> shape, const std::vector<T>& values) {
    const int32_t t = tensor(std::move(shape));
    g().tensors[t].dtype = dt;
    std::vector<uint8_t> bytes(values.size() * sizeof(T));
    std::memcpy(bytes.data(), values.data(), bytes.size());
    g().tensors[t].data = m_.own(std::move(bytes));
    return t;
  }
  int32_t random_const(std::vector<int32_t> shape) {
    std::vector<float> v(static_cast<size_t>(*num_elements(shape)));
    for (float& f : v) f = value();
    return constant(DType::kFloat32, std::move(shape), v);
  }
  int32_t op(OpKind kind, std::vector<int32_t> ins, std::vector<int32_t> out_shape, Attrs attrs = {}) {
    const int32_t out = tensor(std::move(out_shape));
    Op o;
    o.kind = kind;
    o.inputs = std::move(ins);
    o.outputs = {out};
    o.attrs = std::move(attrs);
    g().ops.push_back(std::move(o));
    return out;
  }
  const std::vector<int32_t>& shape(int32_t t) { return g().tensors[t].shape; }
  Attrs act(int a) {
    Attrs at;
    at.set("fused_activation_function", int64_t{a});
    return at;
  }
  // A pool tensor with the same shape as t (t itself at worst).
  int32_t partner(int32_t t) {
    std::vector<int32_t> same;
    for (int32_t p : pool_)
      if (shape(p) == shape(t)) same.push_back(p);
    return same[pick(static_cast<int>(same.size()))];
  }

  void step() {
    const int32_t a = pool_[pick(static_cast<int>(pool_.size()))];
    const std::vector<int32_t> s = shape(a);
    const int acts[] = {0, 1, 3};
    int32_t r = -1;
    switch (pick(9)) {
      case 0: {  // binary op with another tensor of the shape
        const OpKind k[] = {OpKind::ADD, OpKind::MUL, OpKind::SUB};
        r = op(k[pick(3)], {a, partner(a)}, s, act(acts[pick(3)]));
        break;
      }
      case 1: {  // x * 1 or x + 0 (simplify); x * a + b or - b (fuse_affine)
        if (pick(2) == 0) {
          auto channel_const = [&] {
            return pick(2) == 0 ? random_const({1}) : random_const(pick(2) == 0 ? std::vector<int32_t>{s[3]}
                                                                                  : std::vector<int32_t>{1, 1, 1, s[3]});
          };
          const int32_t ka = channel_const(), kb = channel_const();
          const int32_t m = pick(2) == 0 ? op(OpKind::MUL, {a, ka}, s, act(0)) : op(OpKind::MUL, {ka, a}, s, act(0));
          const int k = pick(3);
          r = k == 0 ? op(OpKind::SUB, {m, kb}, s, act(acts[pick(3)]))
                     : op(OpKind::ADD, k == 1 ? std::vector<int32_t>{m, kb} : std::vector<int32_t>{kb, m}, s,
                          act(acts[pick(3)]));
          break;
        }
        const bool mul = pick(2) == 0;
        const int32_t c = constant<float>(DType::kFloat32, {1}, {mul ? 1.0f : 0.0f});
        r = op(mul ? OpKind::MUL : OpKind::ADD, {a, c}, s, act(0));
        break;
      }
      case 2: {  // standalone clamp (fuse_activation)
        const OpKind k[] = {OpKind::RELU, OpKind::RELU6, OpKind::RELU_N1_TO_1};
        r = op(k[pick(3)], {a}, s);
        break;
      }
      case 3:
      case 4: {  // conv, sometimes after an explicit pad (fuse_pad)
        const int32_t kh = 1 + 2 * pick(2), stride = 1 + pick(2), oc = 1 + pick(3);
        int32_t in = a;
        int64_t padding = pick(2);  // SAME or VALID
        if (pick(2) == 0) {
          // SAME's pads, made explicit (before = total / 2), or any others
          // (0-3 a side; the conv's explicit padding).
          const bool same = kh == 3 && pick(2) == 0;
          int32_t pads[2][2];
          for (int d = 0; d < 2; ++d) {
            const int32_t n = s[1 + d], out = (n + stride - 1) / stride;
            const int32_t total = std::max(0, (out - 1) * stride + kh - n);
            pads[d][0] = same ? total / 2 : pick(4);
            pads[d][1] = same ? total - total / 2 : pick(4);
          }
          const int32_t p = constant<int32_t>(DType::kInt32, {4, 2},
                                              {0, 0, pads[0][0], pads[0][1], pads[1][0], pads[1][1], 0, 0});
          in = op(OpKind::PAD, {a, p},
                  {1, s[1] + pads[0][0] + pads[0][1], s[2] + pads[1][0] + pads[1][1], s[3]});
          padding = 1;
        }
        const std::vector<int32_t> is = shape(in);
        const bool depthwise = pick(3) == 0;
        const int32_t out_c = depthwise ? is[3] : oc;
        const int32_t w = random_const(depthwise ? std::vector<int32_t>{1, kh, kh, is[3]}
                                                 : std::vector<int32_t>{oc, kh, kh, is[3]});
        const int32_t b = random_const({out_c});
        auto out_size = [&](int32_t n) { return padding == 0 ? (n + stride - 1) / stride : (n - kh + stride) / stride; };
        if (out_size(is[1]) <= 0 || out_size(is[2]) <= 0) return;
        Attrs at = act(acts[pick(3)]);
        at.set("padding", padding);
        at.set("stride_h", int64_t{stride});
        at.set("stride_w", int64_t{stride});
        if (depthwise) at.set("depth_multiplier", int64_t{1});
        r = op(depthwise ? OpKind::DEPTHWISE_CONV_2D : OpKind::CONV_2D, {in, w, b},
               {1, out_size(is[1]), out_size(is[2]), out_c}, at);
        // A pointwise conv after a depthwise (fuse_depthwise_pointwise).
        if (depthwise && pick(2) == 0) {
          const std::vector<int32_t> ds = shape(r);
          const int32_t pw_c = 1 + pick(20);
          Attrs pa = act(acts[pick(3)]);
          pa.set("padding", int64_t{pick(2)});
          pa.set("stride_h", int64_t{1});
          pa.set("stride_w", int64_t{1});
          const int32_t pw = random_const({pw_c, 1, 1, ds[3]});
          const int32_t pb = pick(2) == 0 ? random_const({pw_c}) : -1;
          r = op(OpKind::CONV_2D, {r, pw, pb}, {ds[0], ds[1], ds[2], pw_c}, pa);
        }
        // Elementwise consumers the epilogue fusion takes (fuse_epilogue).
        const std::vector<int32_t> os = shape(r);
        switch (pick(5)) {
          case 0: {  // swish, either operand order
            const int32_t sig = op(OpKind::LOGISTIC, {r}, os);
            r = pick(2) == 0 ? op(OpKind::MUL, {r, sig}, os, act(0)) : op(OpKind::MUL, {sig, r}, os, act(0));
            break;
          }
          case 1: r = op(OpKind::HARD_SWISH, {r}, os); break;
          case 2: r = op(OpKind::LOGISTIC, {r}, os); break;
          case 3: {  // a residual ADD, either operand order (the ADD epilogue)
            // The other operand: an earlier tensor of this shape, a
            // constant, or one computed after the conv (not fusable).
            int32_t other = -1;
            for (int32_t t : pool_)
              if (shape(t) == os && pick(2) == 0) other = t;
            if (other >= 0 && pick(2) == 0) {
              // Computed after the conv from an earlier tensor: the pass
              // moves it before the conv (a shortcut branch's PAD).
              const int32_t zeros = constant<int32_t>(DType::kInt32, {4, 2}, {0, 0, 0, 0, 0, 0, 0, 0});
              other = op(OpKind::PAD, {other, zeros}, os);
            }
            if (other < 0 && pick(2) == 0) {
              // An earlier tensor with fewer channels padded with zero
              // channels (the epilogue takes the narrower addend).
              for (int32_t t : pool_) {
                const std::vector<int32_t> ts = shape(t);
                if (ts.size() == 4 && ts[0] == os[0] && ts[1] == os[1] && ts[2] == os[2] && ts[3] < os[3]) {
                  const int32_t pads =
                      constant<int32_t>(DType::kInt32, {4, 2}, {0, 0, 0, 0, 0, 0, 0, os[3] - ts[3]});
                  other = op(OpKind::PAD, {t, pads}, os);
                  break;
                }
              }
            }
            if (other < 0) other = pick(2) == 0 ? random_const(os) : op(OpKind::TANH, {r}, os);
            r = pick(2) == 0 ? op(OpKind::ADD, {r, other}, os, act(acts[pick(3)]))
                             : op(OpKind::ADD, {other, r}, os, act(acts[pick(3)]));
            break;
          }
          default: break;
        }
        // Then a PRELU with one alpha per channel (the PRELU epilogue), or
        // with one alpha per element (not fused).
        if (pick(3) == 0) {
          const int32_t alpha = pick(4) == 0 ? random_const(os)
                                             : random_const(pick(2) == 0 ? std::vector<int32_t>{os[3]}
                                                                         : std::vector<int32_t>{1, 1, os[3]});
          r = op(OpKind::PRELU, {r, alpha}, os);
        }
        break;
      }
      case 5: {  // reshape to its own shape, or a transpose and its inverse
        if (pick(2) == 0) {
          const int32_t c = constant<int32_t>(DType::kInt32, {4}, {s[0], s[1], s[2], s[3]});
          r = op(OpKind::RESHAPE, {a, c}, s);
        } else {
          const int32_t p = constant<int32_t>(DType::kInt32, {4}, {0, 2, 1, 3});
          const int32_t t = op(OpKind::TRANSPOSE, {a, p}, {s[0], s[2], s[1], s[3]});
          r = op(OpKind::TRANSPOSE, {t, p}, s);
        }
        break;
      }
      case 6: {  // the same op again (cse)
        if (g().ops.empty()) return;
        const Op copy = g().ops[pick(static_cast<int>(g().ops.size()))];
        r = op(copy.kind, copy.inputs, shape(copy.outputs[0]), copy.attrs);
        break;
      }
      case 7: {  // a constant subexpression (fold_constants)
        const int32_t c1 = random_const(s), c2 = random_const(s);
        const int32_t c = op(OpKind::MUL, {c1, c2}, s, act(0));
        r = op(OpKind::ADD, {a, c}, s, act(0));
        break;
      }
      case 8: {  // an op nobody reads (dce)
        op(OpKind::TANH, {a}, s);
        return;
      }
    }
    if (r >= 0) pool_.push_back(r);
  }

  std::mt19937 rng_;
  Model m_;
  std::vector<int32_t> pool_;
};

TEST(PassRandom, EveryPassKeepsTheResults) {
  int changed_runs = 0;
  for (uint32_t seed = 1; seed <= 300; ++seed) {
    Model m = RandomGraph(seed).build();
    Status v = verify(m);
    ASSERT_TRUE(v.ok()) << "seed " << seed << ": generator made an invalid graph: " << v.message() << "\n"
                        << print_model(m);
    std::vector<float> x(static_cast<size_t>(*num_elements(m.subgraphs[0].tensors[m.subgraphs[0].inputs[0]].shape)));
    std::mt19937 rng(seed);
    for (float& f : x) f = std::uniform_real_distribution<float>(-2.0f, 2.0f)(rng);
    std::string err;
    const auto want = run(m, x, &err);
    ASSERT_TRUE(err.empty()) << "seed " << seed << ": " << err << "\n" << print_model(m);
    for (const std::string& pass : pass_names()) {
      Model copy = m;
      auto r = run_pass(pass, copy, nullptr);
      ASSERT_TRUE(r.ok());
      if (!*r) continue;
      ++changed_runs;
      v = verify(copy);
      ASSERT_TRUE(v.ok()) << "seed " << seed << " after " << pass << ": " << v.message();
      const auto got = run(copy, x, &err);
      ASSERT_TRUE(err.empty()) << "seed " << seed << " after " << pass << ": " << err;
      expect_close(want, got, "seed " + std::to_string(seed) + " after " + pass + "\n" + print_model(m));
    }
    Model all = m;
    ASSERT_TRUE(compile(all, {}, nullptr).ok());
    const auto got = run(all, x, &err);
    ASSERT_TRUE(err.empty()) << err;
    expect_close(want, got, "seed " + std::to_string(seed) + " after the pipeline\n" + print_model(m));
  }
  // The generator must actually exercise the passes.
  EXPECT_GT(changed_runs, 600);
}

// Quantized elementwise graphs for fuse_int8_table (and the passes that
// meet them on the way).
class RandomQuantGraph {
 public:
  explicit RandomQuantGraph(uint32_t seed) : rng_(seed) {}

  Model build() {
    m_.subgraphs.emplace_back();
    g().name = "main";
    dtype_ = pick(4) == 0 ? DType::kUInt8 : DType::kInt8;
    shape_ = {1, 1 + pick(5), 1 + pick(7), 1 + pick(9)};
    const int32_t x = tensor(random_quant(), "x");
    g().inputs.push_back(x);
    pool_.push_back(x);
    const int steps = 3 + pick(8);
    for (int s = 0; s < steps; ++s) step();
    g().outputs.push_back(pool_.back());
    const int32_t extra = pool_[pick(static_cast<int>(pool_.size()))];
    if (extra != pool_.back() && extra != x) g().outputs.push_back(extra);
    return std::move(m_);
  }
  DType dtype() const { return dtype_; }

 private:
  Graph& g() { return m_.subgraphs[0]; }
  int pick(int n) { return static_cast<int>(rng_() % static_cast<uint32_t>(n)); }
  int32_t lowest() const { return dtype_ == DType::kInt8 ? -128 : 0; }
  Quantization random_quant() {
    Quantization q;
    q.scale = {std::uniform_real_distribution<float>(0.004f, 0.2f)(rng_)};
    q.zero_point = {lowest() + 128 + pick(61) - 30};
    return q;
  }
  Quantization fixed_quant(float scale, int64_t zero_point) {
    Quantization q;
    q.scale = {scale};
    q.zero_point = {zero_point};
    return q;
  }
  int32_t tensor(Quantization q, std::string name = "") {
    Tensor t;
    t.name = std::move(name);
    t.dtype = dtype_;
    t.shape = shape_;
    t.quant = std::move(q);
    g().tensors.push_back(std::move(t));
    return static_cast<int32_t>(g().tensors.size() - 1);
  }
  int32_t op(OpKind kind, std::vector<int32_t> ins, Quantization q, int act = -1) {
    const int32_t out = tensor(std::move(q));
    Op o;
    o.kind = kind;
    o.inputs = std::move(ins);
    o.outputs = {out};
    if (act >= 0) o.attrs.set("fused_activation_function", int64_t{act});
    g().ops.push_back(std::move(o));
    return out;
  }
  int32_t any() { return pool_[pick(static_cast<int>(pool_.size()))]; }

  void step() {
    const int32_t a = any();
    const int acts[] = {0, 1, 3};
    int32_t r = -1;
    switch (pick(6)) {
      case 0:
      case 1:
      case 2: {  // swish, either operand order; the sigmoid sometimes kept for others
        const int32_t sig = op(OpKind::LOGISTIC, {a}, fixed_quant(1.0f / 256, lowest()));
        if (pick(4) == 0) pool_.push_back(sig);
        r = pick(2) == 0 ? op(OpKind::MUL, {a, sig}, random_quant(), acts[pick(3)])
                         : op(OpKind::MUL, {sig, a}, random_quant(), acts[pick(3)]);
        break;
      }
      case 3: r = op(OpKind::LOGISTIC, {a}, fixed_quant(1.0f / 256, lowest())); break;
      case 4: r = op(OpKind::MUL, {a, any()}, random_quant(), acts[pick(3)]); break;
      case 5: r = op(OpKind::HARD_SWISH, {a}, random_quant()); break;
    }
    pool_.push_back(r);
  }

  std::mt19937 rng_;
  Model m_;
  DType dtype_ = DType::kInt8;
  std::vector<int32_t> shape_;
  std::vector<int32_t> pool_;
};

std::vector<std::vector<uint8_t>> run_codes(const Model& m, const std::vector<uint8_t>& x, bool reference,
                                            std::string* err) {
  auto ex = Executor::create(std::make_shared<const Model>(m), 0, {.reference_kernels = reference});
  if (!ex.ok()) {
    *err = ex.status().message();
    return {};
  }
  std::memcpy((*ex)->input(0).data, x.data(), x.size());
  Status st = (*ex)->invoke();
  if (!st.ok()) {
    *err = st.message();
    return {};
  }
  std::vector<std::vector<uint8_t>> outs;
  for (int i = 0; i < (*ex)->num_outputs(); ++i) {
    const RtTensor& t = (*ex)->output(i);
    outs.emplace_back(t.data, t.data + t.bytes);
  }
  return outs;
}

TEST(PassRandom, EveryPassKeepsQuantizedResultsExactly) {
  int fused = 0;
  for (uint32_t seed = 1; seed <= 200; ++seed) {
    Model m = RandomQuantGraph(seed).build();
    Status v = verify(m);
    ASSERT_TRUE(v.ok()) << "seed " << seed << ": generator made an invalid graph: " << v.message() << "\n"
                        << print_model(m);
    std::vector<uint8_t> x(static_cast<size_t>(*num_elements(m.subgraphs[0].tensors[m.subgraphs[0].inputs[0]].shape)));
    std::mt19937 rng(seed);
    for (uint8_t& c : x) c = static_cast<uint8_t>(rng());
    std::string err;
    const auto want = run_codes(m, x, /*reference=*/true, &err);
    ASSERT_TRUE(err.empty()) << "seed " << seed << ": " << err << "\n" << print_model(m);
    auto check = [&](const Model& after, const std::string& what) {
      ASSERT_TRUE(verify(after).ok()) << "seed " << seed << " after " << what;
      const auto got = run_codes(after, x, /*reference=*/false, &err);
      ASSERT_TRUE(err.empty()) << "seed " << seed << " after " << what << ": " << err;
      ASSERT_EQ(want, got) << "seed " << seed << " after " << what << "\n" << print_model(m) << "\nbecame\n"
                           << print_model(after);
    };
    for (const std::string& pass : pass_names()) {
      Model copy = m;
      auto r = run_pass(pass, copy, nullptr);
      ASSERT_TRUE(r.ok());
      if (!*r) continue;
      if (pass == "fuse_int8_table") ++fused;
      check(copy, pass);
    }
    Model all = m;
    ASSERT_TRUE(compile(all, {}, nullptr).ok());
    check(all, "the pipeline");
  }
  // The generator must actually exercise the fusion.
  EXPECT_GT(fused, 100);
}

// DENSIFY then DEQUANTIZE of a sparse float16 constant (how converters
// store sparse half-precision filters) folds to one dense float32
// constant, although the dense result is larger than the sparse input:
// the kernels need the dense weights anyway, and unfolded both ops ran on
// every invoke.
TEST(FoldConstants, SparseFloat16WeightsBecomeDenseFloat32) {
  Model m;
  m.subgraphs.emplace_back();
  Graph& g = m.subgraphs[0];
  g.tensors.resize(3);
  // 3 x 2000, nonzero only at (0, 2) = 1, (2, 0) = 2, (2, 3) = 3: rows
  // dense, columns CSR. Dense, it is far over fold_constants' growth limit.
  Sparsity sp;
  sp.traversal_order = {0, 1};
  SparseDim rows, cols;
  rows.dense_size = 3;
  cols.sparse = true;
  cols.segments = {0, 1, 1, 3};
  cols.indices = {2, 0, 3};
  sp.dims = {rows, cols};
  const uint16_t halves[] = {0x3C00, 0x4000, 0x4200};  // 1, 2, 3
  std::vector<uint8_t> bytes(sizeof(halves));
  std::memcpy(bytes.data(), halves, sizeof(halves));
  g.tensors[0].dtype = DType::kFloat16;
  g.tensors[0].shape = {3, 2000};
  g.tensors[0].sparsity = sp;
  g.tensors[0].data = m.own(std::move(bytes));
  g.tensors[1].dtype = DType::kFloat16;
  g.tensors[1].shape = {3, 2000};
  g.tensors[2].dtype = DType::kFloat32;
  g.tensors[2].shape = {3, 2000};
  g.tensors[2].name = "w";
  Op densify, dequantize;
  densify.kind = OpKind::DENSIFY;
  densify.inputs = {0};
  densify.outputs = {1};
  dequantize.kind = OpKind::DEQUANTIZE;
  dequantize.inputs = {1};
  dequantize.outputs = {2};
  g.ops = {densify, dequantize};
  g.outputs = {2};
  passes::PassLog log;
  ASSERT_TRUE(passes::fold_constants(m, log));
  passes::dce(m, log);
  const Graph& after = m.subgraphs[0];
  EXPECT_TRUE(after.ops.empty()) << print_model(m);
  const Tensor& w = after.tensors[after.outputs[0]];
  ASSERT_EQ(w.dtype, DType::kFloat32);
  ASSERT_EQ(w.data.size(), 6000 * sizeof(float));
  std::vector<float> got(6000), want(6000, 0.0f);
  std::memcpy(got.data(), w.data.data(), w.data.size());
  want[2] = 1, want[4000] = 2, want[4003] = 3;
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace xlite
