// WebhookPayload straight from JSON text: Boost.JSON's SAX parser calls this handler, which writes each
// field into its member as it goes by, driven by one table per JSON object. No document is built, so
// the common case costs one pass over the bytes and one copy of each string that is kept.
//
// It only has to be right when it says yes: anything it does not expect (legacy v2 shapes, a wrong
// type, a missing or duplicated field, invalid JSON) makes it give up, and the caller falls back to
// parsing a document and read_payload, which reports the errors. tests/payload/test_payload_stream
// and the payload fuzzer check that the two agree whenever this reader accepts.
#include <cohook/webhook_payload.hpp>

#include "payload/payload_fields.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value_stack.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace cohook {

namespace {

using boost::json::error_code;
using boost::json::string_view;
using detail::emplace_optional;
using detail::Field;
using detail::Kind;
using detail::Shape;
using detail::Table;
using detail::table_for;

// The SAX handler. Every callback returns false (and sets `ec`) to give up; the parse then fails.
class PayloadHandler {
  public:
    static constexpr std::size_t max_object_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_array_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_key_size = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t max_string_size = std::numeric_limits<std::size_t>::max();

    explicit PayloadHandler(WebhookPayload& out) : out_(out) {}

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }

    bool on_object_begin(error_code& ec) {
        if (nested_ > 0 || skip_value_) return enter_nested(ec);
        if (depth_ == 0) return push(Shape::root, &out_, ec);  // the document itself
        if (in_list(Kind::ref_list)) {
            auto& refs = *static_cast<std::optional<std::vector<WebhookPayloadUpdatedRef>>*>(top().target);
            return push(Shape::updated_ref, &refs->emplace_back(), ec);
        }
        const Field* field = take_pending(ec);
        if (field == nullptr) return false;
        void* member = field->member(top().target);
        switch (field->kind) {
            case Kind::object:
                return push(field->shape, member, ec);
            case Kind::opt_object:
                return push(field->shape, emplace_optional(field->shape, member), ec);
            case Kind::config:
                config_ = static_cast<std::optional<boost::json::object>*>(member);
                // The object outlives the request: it owns its memory, one growing arena shared with its
                // copies and freed with the last of them, instead of one heap block per key and string.
                stack_.reset(boost::json::make_shared_resource<boost::json::monotonic_resource>());
                return enter_nested(ec);
            default:
                return give_up(ec);
        }
    }

    bool on_object_end(std::size_t n, error_code& ec) {
        if (nested_ > 0) return leave_nested(n, true, ec);
        const Frame& frame = top();
        const Table fields = table_for(frame.shape);
        for (std::size_t i = 0; i < fields.size; ++i) {
            if (fields.begin[i].required && (frame.seen & (1u << i)) == 0) return give_up(ec);
        }
        --depth_;
        return true;
    }

    bool on_array_begin(error_code& ec) {
        if (nested_ > 0 || skip_value_) return enter_nested(ec);
        const Field* field = depth_ > 0 && !top().is_list ? take_pending(ec) : nullptr;
        if (field == nullptr) return give_up(ec);
        void* member = field->member(top().target);
        if (field->kind == Kind::string_list) {
            // Room for what the Hub usually sends, so a short list is one allocation, not one per growth.
            static_cast<std::optional<std::vector<std::string>>*>(member)->emplace().reserve(8);
        } else if (field->kind == Kind::ref_list) {
            static_cast<std::optional<std::vector<WebhookPayloadUpdatedRef>>*>(member)->emplace().reserve(4);
        } else {
            return give_up(ec);
        }
        if (depth_ == frames_.size()) return give_up(ec);
        frames_[depth_++] = Frame{Shape::root, member, 0, true, field->kind};
        return true;
    }

    bool on_array_end(std::size_t n, error_code& ec) {
        if (nested_ > 0) return leave_nested(n, false, ec);
        --depth_;  // only lists open frames that end with an array
        return true;
    }

    bool on_key_part(string_view s, std::size_t, error_code&) {
        if (nested_ > 0) return forward([&] { stack_.push_chars(s); });
        key_.append(s.data(), s.size());
        return true;
    }

    bool on_key(string_view s, std::size_t, error_code& ec) {
        if (nested_ > 0) return forward([&] { stack_.push_key(s); });
        std::string_view key(s.data(), s.size());
        if (!key_.empty()) key = key_.append(s.data(), s.size());
        const bool known = find_field(key, ec);
        key_.clear();
        return known;
    }

    bool on_string_part(string_view s, std::size_t, error_code&) {
        if (nested_ > 0) return forward([&] { stack_.push_chars(s); });
        text_.append(s.data(), s.size());
        return true;
    }

    bool on_string(string_view s, std::size_t, error_code& ec) {
        if (nested_ > 0) return forward([&] { stack_.push_string(s); });
        std::string_view text(s.data(), s.size());
        if (!text_.empty()) text = text_.append(s.data(), s.size());
        const bool stored = store_string(text, ec);
        text_.clear();
        return stored;
    }

    bool on_number_part(string_view, error_code&) { return true; }

    bool on_int64(std::int64_t i, string_view, error_code& ec) {
        if (nested_ > 0) return forward([&] { stack_.push_int64(i); });
        return store_int(i, ec);
    }

    bool on_uint64(std::uint64_t u, string_view, error_code& ec) {
        if (nested_ > 0) return forward([&] { stack_.push_uint64(u); });
        if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return give_up(ec);
        return store_int(static_cast<std::int64_t>(u), ec);
    }

    bool on_double(double d, string_view, error_code& ec) {
        if (nested_ > 0) return forward([&] { stack_.push_double(d); });
        return skip_scalar(ec);  // read_payload takes no double anywhere
    }

    bool on_bool(bool b, error_code& ec) {
        if (nested_ > 0) return forward([&] { stack_.push_bool(b); });
        if (skipping()) return skip_scalar(ec);
        const Field* field = take_pending(ec);
        if (field == nullptr) return false;
        void* member = field->member(top().target);
        if (field->kind == Kind::boolean) {
            *static_cast<bool*>(member) = b;
        } else if (field->kind == Kind::opt_boolean) {
            *static_cast<std::optional<bool>*>(member) = b;
        } else {
            return give_up(ec);
        }
        return true;
    }

    bool on_null(error_code& ec) {
        if (nested_ > 0) return forward([&] { stack_.push_null(); });
        if (skipping()) return skip_scalar(ec);
        const Field* field = take_pending(ec);
        if (field == nullptr) return false;
        // An optional field sent as null reads as absent, as in read_payload; a required one is an error.
        return !field->required || give_up(ec);
    }

    bool on_comment_part(string_view, error_code& ec) { return give_up(ec); }
    bool on_comment(string_view, error_code& ec) { return give_up(ec); }

  private:
    struct Frame {
        Shape shape;
        void* target;                   // the struct (or, for a list, the optional vector) being filled
        std::uint32_t seen = 0;         // bit i: field i of the shape's table was present
        bool is_list = false;           // a JSON array of the payload (tags, updatedRefs)
        Kind list_kind = Kind::string;  // for a list: what it holds
    };

    Frame& top() { return frames_[depth_ - 1]; }

    bool in_list(Kind kind) { return depth_ > 0 && top().is_list && top().list_kind == kind; }

    // An unknown key's value is skipped, whatever it is (read_payload ignores unknown keys too).
    bool skipping() const { return skip_value_; }

    // Inside a skipped value or updatedConfig: the event goes into the config's document, if that is
    // what is being read, and is otherwise dropped.
    template <class Push>
    bool forward(Push push) {
        if (config_ != nullptr) push();
        return true;
    }

    bool give_up(error_code& ec) {
        ec = boost::json::error::syntax;  // any error: the caller only tells accepted from not
        return false;
    }

    bool push(Shape shape, void* target, error_code& ec) {
        if (target == nullptr || depth_ == frames_.size()) return give_up(ec);
        frames_[depth_++] = Frame{shape, target};
        return true;
    }

    // Records `key` of the current object: a known field becomes the pending one (a second time is
    // a duplicate, which the document reader resolves differently: give up), an unknown one is skipped.
    bool find_field(std::string_view key, error_code& ec) {
        Frame& frame = top();
        const Table fields = table_for(frame.shape);
        for (std::size_t i = 0; i < fields.size; ++i) {
            if (fields.begin[i].key != key) continue;
            if ((frame.seen & (1u << i)) != 0) return give_up(ec);
            frame.seen |= 1u << i;
            pending_ = &fields.begin[i];
            return true;
        }
        skip_value_ = true;
        return true;
    }

    // The field the next value belongs to (null for a list item, which has no key).
    const Field* take_pending(error_code& ec) {
        const Field* field = pending_;
        pending_ = nullptr;
        if (field == nullptr) give_up(ec);
        return field;
    }

    bool skip_scalar(error_code& ec) {
        if (!skip_value_) return give_up(ec);
        skip_value_ = false;
        return true;
    }

    // An unknown key's object or array, or updatedConfig: nested values until the matching end.
    bool enter_nested(error_code& ec) {
        if (nested_ == 0 && config_ == nullptr && !skip_value_) return give_up(ec);
        ++nested_;
        return true;
    }

    bool leave_nested(std::size_t n, bool object, error_code&) {
        if (config_ != nullptr) {
            if (object) {
                stack_.push_object(n);
            } else {
                stack_.push_array(n);
            }
        }
        if (--nested_ > 0) return true;
        if (config_ != nullptr) {
            config_->emplace(std::move(stack_.release().as_object()));
            config_ = nullptr;
        }
        skip_value_ = false;
        return true;
    }

    bool store_string(std::string_view text, error_code& ec) {
        if (skipping()) return skip_scalar(ec);
        if (in_list(Kind::string_list)) {
            static_cast<std::optional<std::vector<std::string>>*>(top().target)->value().emplace_back(text);
            return true;
        }
        const Field* field = take_pending(ec);
        if (field == nullptr) return false;
        void* member = field->member(top().target);
        if (field->kind == Kind::string) {
            static_cast<std::string*>(member)->assign(text);
        } else if (field->kind == Kind::opt_string) {
            static_cast<std::optional<std::string>*>(member)->emplace(text);
        } else {
            return give_up(ec);
        }
        return true;
    }

    bool store_int(std::int64_t i, error_code& ec) {
        if (skipping()) return skip_scalar(ec);
        const Field* field = take_pending(ec);
        if (field == nullptr) return false;
        if (field->kind != Kind::int64) return give_up(ec);
        *static_cast<std::int64_t*>(field->member(top().target)) = i;
        return true;
    }

    WebhookPayload& out_;
    std::array<Frame, 6> frames_{};  // deepest: root → discussion → changes, root → updatedRefs → ref
    std::size_t depth_ = 0;
    const Field* pending_ = nullptr;  // the known field whose value comes next
    bool skip_value_ = false;         // the value that comes next belongs to an unknown key
    std::size_t nested_ = 0;          // depth inside a skipped value or updatedConfig
    std::optional<boost::json::object>* config_ = nullptr;  // set while reading updatedConfig
    boost::json::value_stack stack_;
    std::string key_;   // a key that arrived in parts
    std::string text_;  // a string that arrived in parts
};

}  // namespace

bool read_payload_text(std::string_view json, WebhookPayload& out) {
    out = WebhookPayload{};
    // The same options as the document parser requests use (strict RFC 8259, depth 32), so this reader
    // never accepts a body that parser would refuse.
    boost::json::basic_parser<PayloadHandler> parser(boost::json::parse_options{}, out);
    error_code ec;
    const std::size_t consumed = parser.write_some(false, json.data(), json.size(), ec);
    return !ec && consumed == json.size() && parser.done();
}

}  // namespace cohook
