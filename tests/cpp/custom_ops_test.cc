// SPDX-License-Identifier: Apache-2.0
// Custom ops: the registry, the C ABI adapter (init/prepare/invoke/free),
// version matching and the errors for unknown and Flex ops. The built-in
// kernels are checked against LiteRT and NumPy in
// tests/python/test_custom_ops.py; the --custom-ops loader there too.
#include <gtest/gtest.h>

#include <cstring>

#include "frontend/tflite/reader.h"
#include "model_builder.h"
#include "runtime/executor.h"

namespace xlite {
namespace {

using testing::TModel;
using testing::TOp;

std::shared_ptr<const Model> load(const TModel& m) {
  auto r = load_tflite_buffer(m.build());
  EXPECT_TRUE(r.ok()) << r.status().message();
  return std::make_shared<const Model>(std::move(r.value()));
}

// small_fc_model with its SOFTMAX replaced by CUSTOM `code`: x[1,4] ->
// FULLY_CONNECTED -> fc[1,3] -> code -> y.
TModel model_with(const std::string& code, int version = 1, std::vector<uint8_t> options = {}) {
  TModel m = testing::small_fc_model();
  m.subgraphs[0].ops[1] = TOp{.builtin_code = 32, .custom_code = code, .inputs = {3}, .outputs = {4},
                              .version = version, .custom_options = std::move(options)};
  // The custom op decides the output shape; the file's says nothing.
  m.subgraphs[0].tensors[4].shape = {1};
  return m;
}

// A kernel that scales its input by the float in its options, counting
// its calls through user_data.
struct Calls {
  int init = 0, prepare = 0, invoke = 0, free = 0;
  float seen_scale = 0;
};

struct Scale {
  float factor;
};

XliteCustomOp scale_op(Calls* calls) {
  XliteCustomOp op{};
  op.user_data = calls;
  op.init = [](XliteOpContext* ctx, const void* options, size_t size) -> void* {
    auto* c = static_cast<Calls*>(xlite_op_user_data(ctx));
    ++c->init;
    if (size != sizeof(float)) {
      xlite_op_report_error(ctx, "want one float");
      return nullptr;
    }
    auto* s = new Scale;
    std::memcpy(&s->factor, options, sizeof(float));
    c->seen_scale = s->factor;
    return s;
  };
  op.free = [](void* user_data, void* op_data) {
    ++static_cast<Calls*>(user_data)->free;
    delete static_cast<Scale*>(op_data);
  };
  op.prepare = [](XliteOpContext* ctx, void*) {
    ++static_cast<Calls*>(xlite_op_user_data(ctx))->prepare;
    EXPECT_EQ(xlite_op_input_type(ctx, 0), kXliteFloat32);
    EXPECT_EQ(xlite_op_input_data(ctx, 0), nullptr);  // not constant: unreadable in prepare
    EXPECT_STREQ(xlite_op_name(ctx), "Scale");
    if (xlite_op_set_output_type(ctx, 0, kXliteFloat32) != kXliteOk) return kXliteError;
    return xlite_op_set_output_shape(ctx, 0, xlite_op_input_dims(ctx, 0), xlite_op_input_rank(ctx, 0));
  };
  op.invoke = [](XliteOpContext* ctx, void* op_data) {
    ++static_cast<Calls*>(xlite_op_user_data(ctx))->invoke;
    const float* x = static_cast<const float*>(xlite_op_input_data(ctx, 0));
    float* y = static_cast<float*>(xlite_op_output_data(ctx, 0));
    const size_t n = xlite_op_output_bytes(ctx, 0) / sizeof(float);
    for (size_t i = 0; i < n; ++i) y[i] = x[i] * static_cast<Scale*>(op_data)->factor;
    return kXliteOk;
  };
  return op;
}

std::vector<uint8_t> float_bytes(float f) {
  std::vector<uint8_t> b(4);
  std::memcpy(b.data(), &f, 4);
  return b;
}

TEST(CustomOps, RunsAKernelRegisteredThroughTheCAbi) {
  Calls calls;
  auto reg = std::make_shared<CustomOpRegistry>(CustomOpRegistry::with_builtins());
  ASSERT_TRUE(reg->register_custom_op("Scale", 1, scale_op(&calls)).ok());
  {
    auto ex = Executor::create(load(model_with("Scale", 1, float_bytes(-2.5f))), 0, {.custom_ops = reg});
    ASSERT_TRUE(ex.ok()) << ex.status().message();
    EXPECT_EQ(calls.init, 1);
    EXPECT_EQ(calls.seen_scale, -2.5f);
    EXPECT_EQ((*ex)->output(0).shape, (std::vector<int32_t>{1, 3}));
    const float x[4] = {1, 2, 3, 4};
    std::memcpy((*ex)->input(0).data, x, sizeof(x));
    ASSERT_TRUE((*ex)->invoke().ok());
    // fc = relu(0.5 * 10 + {1, 2, 3}) = {6, 7, 8}
    const float* y = (*ex)->output(0).as<float>();
    EXPECT_EQ(y[0], -15.0f);
    EXPECT_EQ(y[1], -17.5f);
    EXPECT_EQ(y[2], -20.0f);
    ASSERT_TRUE((*ex)->invoke().ok());
    EXPECT_EQ(calls.invoke, 2);
    EXPECT_GE(calls.prepare, 1);
    EXPECT_EQ(calls.free, 0);
  }
  EXPECT_EQ(calls.free, 1);
}

TEST(CustomOps, InitErrorsNameTheOp) {
  Calls calls;
  auto reg = std::make_shared<CustomOpRegistry>();
  ASSERT_TRUE(reg->register_custom_op("Scale", 1, scale_op(&calls)).ok());
  auto ex = Executor::create(load(model_with("Scale", 1, {1, 2})), 0, {.custom_ops = reg});
  ASSERT_FALSE(ex.ok());
  EXPECT_NE(ex.status().message().find("op 1 (CUSTOM:Scale): init: want one float"), std::string::npos)
      << ex.status().message();
}

TEST(CustomOps, InvokeErrorsCarryTheKernelsMessage) {
  XliteCustomOp op{};
  op.invoke = [](XliteOpContext* ctx, void*) {
    xlite_op_report_error(ctx, "no luck today");
    return kXliteError;
  };
  op.prepare = [](XliteOpContext* ctx, void*) {
    const int32_t dims[2] = {1, 3};
    return xlite_op_set_output_shape(ctx, 0, dims, 2);
  };
  auto reg = std::make_shared<CustomOpRegistry>();
  ASSERT_TRUE(reg->register_custom_op("Bad", 0, op).ok());
  auto ex = Executor::create(load(model_with("Bad", 7)), 0, {.custom_ops = reg});  // version 0: any
  ASSERT_TRUE(ex.ok()) << ex.status().message();
  Status st = (*ex)->invoke();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("op 1 (CUSTOM:Bad): no luck today"), std::string::npos) << st.message();
}

TEST(CustomOps, VersionsMustMatch) {
  Calls calls;
  auto reg = std::make_shared<CustomOpRegistry>();
  ASSERT_TRUE(reg->register_custom_op("Scale", 2, scale_op(&calls)).ok());
  auto ex = Executor::create(load(model_with("Scale", 1, float_bytes(1))), 0, {.custom_ops = reg});
  ASSERT_FALSE(ex.ok());
  EXPECT_NE(ex.status().message().find("CUSTOM:Scale (version 1) has no registered kernel"), std::string::npos)
      << ex.status().message();
  EXPECT_NE(ex.status().message().find("registered: Scale v2"), std::string::npos) << ex.status().message();
}

TEST(CustomOps, UnknownOpsSayHowToRegisterAKernel) {
  auto ex = Executor::create(load(model_with("NoSuchOp")));
  ASSERT_FALSE(ex.ok());
  const std::string& msg = ex.status().message();
  EXPECT_NE(msg.find("CUSTOM:NoSuchOp (version 1) has no registered kernel"), std::string::npos) << msg;
  EXPECT_NE(msg.find("--custom-ops"), std::string::npos) << msg;
  EXPECT_NE(msg.find("register_custom_op"), std::string::npos) << msg;
  // The built-ins are listed as registered.
  EXPECT_NE(msg.find("TFLite_Detection_PostProcess"), std::string::npos) << msg;
}

TEST(CustomOps, FlexOpsAreSelectTensorFlowOps) {
  auto ex = Executor::create(load(model_with("FlexSoftmax")));
  ASSERT_FALSE(ex.ok());
  EXPECT_NE(ex.status().message().find("CUSTOM:FlexSoftmax is a select TensorFlow op"), std::string::npos)
      << ex.status().message();
  EXPECT_NE(ex.status().message().find("does not support select-TF ops"), std::string::npos);
}

TEST(CustomOps, TheCRegistryViewRegistersAndReportsErrors) {
  CustomOpRegistry reg;
  XliteCustomOp op{};
  EXPECT_EQ(xlite_register_custom_op(reg.c_registry(), "NoInvoke", 1, &op), kXliteError);
  EXPECT_NE(std::string(xlite_registry_error(reg.c_registry())).find("has no invoke"), std::string::npos);
  Calls calls;
  op = scale_op(&calls);
  EXPECT_EQ(xlite_register_custom_op(reg.c_registry(), "Scale", 3, &op), kXliteOk);
  EXPECT_STREQ(xlite_registry_error(reg.c_registry()), "");
  EXPECT_NE(reg.find("Scale", 3), nullptr);
  EXPECT_EQ(reg.find("Scale", 1), nullptr);
  // A copy is independent and its C view points at the copy.
  CustomOpRegistry copy = reg;
  EXPECT_EQ(xlite_register_custom_op(copy.c_registry(), "Other", 1, &op), kXliteOk);
  EXPECT_NE(copy.find("Other", 1), nullptr);
  EXPECT_EQ(reg.find("Other", 1), nullptr);
}

TEST(CustomOps, LoadingALibraryFailsClearly) {
  CustomOpRegistry reg;
  Status st = reg.load_library("/nonexistent/libnothing.so");
  EXPECT_NE(st.message().find("'/nonexistent/libnothing.so' does not exist"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace xlite
