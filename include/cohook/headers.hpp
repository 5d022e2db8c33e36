#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cohook {

/// True when two header names are equal ignoring ASCII case (HTTP field names are case-insensitive).
bool iequals(std::string_view a, std::string_view b) noexcept;

/// An ordered list of HTTP header fields with case-insensitive lookup; keeps duplicates and order as
/// received.
class Headers {
  public:
    using Field = std::pair<std::string, std::string>;

    /// Appends a field without replacing existing ones with the same name.
    void add(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }

    /// Replaces every field named `name` with one field holding `value`.
    void set(std::string_view name, std::string value);

    /// The value of the first field named `name`, if any. The view lives as long as the field.
    std::optional<std::string_view> get(std::string_view name) const noexcept;

    /// True when at least one field is named `name`.
    bool contains(std::string_view name) const noexcept { return get(name).has_value(); }

    /// How many fields are named `name` (duplicates matter for request-smuggling checks).
    std::size_t count(std::string_view name) const noexcept;

    /// Removes every field named `name`.
    void erase(std::string_view name);

    /// Number of fields, counting duplicates.
    std::size_t size() const noexcept { return fields_.size(); }
    /// True when there are no fields.
    bool empty() const noexcept { return fields_.empty(); }
    /// Removes all fields.
    void clear() noexcept { fields_.clear(); }

    /// Iteration over the fields in received order.
    auto begin() const noexcept { return fields_.begin(); }
    /// End of iteration.
    auto end() const noexcept { return fields_.end(); }

  private:
    std::vector<Field> fields_;
};

}  // namespace cohook
