// SPDX-License-Identifier: Apache-2.0
// Status and Result<T>: how every fallible xlite call reports a problem.
// Errors carry one human-readable line that names where the problem is
// (subgraph, op, tensor) and what it is; callers add context, never replace it.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace xlite {

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return !message_.has_value(); }
  const std::string& message() const {
    static const std::string kOk = "ok";
    return message_ ? *message_ : kOk;
  }
  // Prefixes context such as "subgraph 0 op 3 (CONV_2D): ".
  Status with_context(const std::string& prefix) const {
    return ok() ? *this : Status(prefix + *message_);
  }

 private:
  explicit Status(std::string m) : message_(std::move(m)) {}
  std::optional<std::string> message_;
};

inline Status ok_status() { return Status(); }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok() && "Result built from an ok Status has no value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace xlite

// Early-return helpers; the expression is evaluated once.
#define XLITE_RETURN_IF_ERROR(expr)          \
  do {                                       \
    ::xlite::Status xlite_status_ = (expr);  \
    if (!xlite_status_.ok()) return xlite_status_; \
  } while (0)
