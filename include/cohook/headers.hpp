#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cohook {

/// True when two header names are equal ignoring ASCII case (HTTP field names are case-insensitive).
/// Inline: header lookups call it for every field, and most calls end at the length check.
inline bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        // ASCII lower-casing; setting bit 5 alone would also equate e.g. '@' with '`'.
        const char x = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] + 32) : a[i];
        const char y = (b[i] >= 'A' && b[i] <= 'Z') ? static_cast<char>(b[i] + 32) : b[i];
        if (x != y) return false;
    }
    return true;
}

/// An ordered list of HTTP header fields with case-insensitive lookup; keeps duplicates and order as
/// received. Clearing keeps the fields' storage, so a list reused for request after request (as the
/// parser's is) stops allocating once it has seen the largest header section.
class Headers {
  public:
    using Field = std::pair<std::string, std::string>;

    /// An empty list.
    Headers() = default;
    /// A copy of the fields (not of the spare storage).
    Headers(const Headers& other);
    /// Takes the fields and their storage; `other` is left empty.
    Headers(Headers&& other) noexcept
        : fields_(std::move(other.fields_)), size_(std::exchange(other.size_, 0)) {}
    /// Replaces the fields with a copy of `other`'s.
    Headers& operator=(const Headers& other);
    /// Replaces the fields with `other`'s, taking their storage; `other` is left empty.
    Headers& operator=(Headers&& other) noexcept;

    /// Appends a field without replacing existing ones with the same name.
    void add(std::string_view name, std::string_view value);

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
    std::size_t size() const noexcept { return size_; }
    /// True when there are no fields.
    bool empty() const noexcept { return size_ == 0; }
    /// Removes all fields; their storage is kept for the next ones added.
    void clear() noexcept { size_ = 0; }

    /// Iteration over the fields in received order.
    auto begin() const noexcept { return fields_.cbegin(); }
    /// End of iteration.
    auto end() const noexcept { return fields_.cbegin() + static_cast<std::ptrdiff_t>(size_); }

  private:
    std::vector<Field> fields_;  // the first size_ are the fields; the rest are spare, reused by add()
    std::size_t size_ = 0;
};

}  // namespace cohook
