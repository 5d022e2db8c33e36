// Fuzzes the body → WebhookPayload path on any bytes. Rejections must be well-formed 422 bodies; an
// accepted payload must survive the trip back to JSON (in memory and as text) unchanged, and the
// Boost.JSON conversion must agree with read_payload. The streaming reader (read_payload_text) may
// decline anything, but what it accepts the document reader must accept too, with the same payload.
#include <cohook/validation_errors.hpp>
#include <cohook/webhook_payload.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace {

void check(bool ok) {
    if (!ok) __builtin_trap();
}

// The 422 body must be JSON that parses back to the same value, with a non-empty "detail" list whose
// every `loc` starts at "body".
void check_errors(const cohook::ValidationErrors& errors) {
    check(!errors.empty());
    for (const cohook::ValidationIssue& issue : errors.issues()) {
        check(!issue.type.empty() && !issue.msg.empty() && !issue.loc.empty());
        const auto* first = std::get_if<std::string>(&issue.loc.front());
        check(first != nullptr && *first == "body");
    }
    const boost::json::value json = errors.to_json();
    const std::string text = boost::json::serialize(json);
    boost::json::error_code ec;
    const boost::json::value back = boost::json::parse(text, ec);
    check(!ec && back == json);
    check(json.at("detail").as_array().size() == errors.issues().size());
}

// Payload equality leaving out `updatedConfig`, whose doubles may not survive text exactly (Boost.JSON
// 1.81 parses numbers fast, not always to the nearest double).
bool equal_except_config(cohook::WebhookPayload a, cohook::WebhookPayload b) {
    a.updated_config.reset();
    b.updated_config.reset();
    return a == b;
}

void check_round_trip(const cohook::WebhookPayload& payload) {
    // In memory: value_from then read_payload gives the same payload back.
    const boost::json::value json = boost::json::value_from(payload);
    cohook::WebhookPayload again;
    cohook::ValidationErrors errors;
    check(cohook::read_payload(json, again, errors) && errors.empty());
    check(again == payload);

    // As text, through the same parser requests use.
    const std::string text = boost::json::serialize(json);
    boost::json::value reparsed;
    cohook::ValidationErrors text_errors;
    check(cohook::parse_json_body(text, reparsed, text_errors));
    cohook::WebhookPayload from_text;
    check(cohook::read_payload(reparsed, from_text, text_errors));
    check(equal_except_config(from_text, payload));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    cohook::WebhookPayload streamed;
    const bool stream_accepted = cohook::read_payload_text(body, streamed);
    boost::json::value json;
    cohook::ValidationErrors errors;
    if (!cohook::parse_json_body(body, json, errors)) {
        check(!stream_accepted);
        check(errors.issues().size() == 1);
        const auto& loc = errors.issues().front().loc;
        // json_invalid points at a byte offset inside the body.
        if (loc.size() == 2) check(std::get<std::size_t>(loc[1]) <= size);
        check_errors(errors);
        return 0;
    }
    cohook::WebhookPayload payload;
    const bool valid = cohook::read_payload(json, payload, errors);
    check(valid == errors.empty());

    // The Boost.JSON conversion is read_payload underneath: same verdict, same payload.
    const auto converted = boost::json::try_value_to<cohook::WebhookPayload>(json);
    check(converted.has_value() == valid);
    check(!stream_accepted || (valid && streamed == payload));
    if (!valid) {
        check_errors(errors);
        return 0;
    }
    check(*converted == payload);
    check_round_trip(payload);
    return 0;
}
