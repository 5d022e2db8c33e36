#include <cohook/validation_errors.hpp>

#include <boost/test/unit_test.hpp>

#include <boost/json/serialize.hpp>

#include <string>
#include <string_view>

namespace {

using cohook::LocItem;
using cohook::ValidationErrors;
using cohook::ValidationIssue;

// The one issue recorded by parse_json_body for `body`, which must be rejected.
ValidationIssue rejected(std::string_view body) {
    ValidationErrors errors;
    boost::json::value out;
    BOOST_TEST(!cohook::parse_json_body(body, out, errors));
    BOOST_REQUIRE_EQUAL(errors.issues().size(), 1u);
    return errors.issues().front();
}

ValidationIssue json_invalid_at(std::size_t offset) {
    return {"json_invalid", {std::string("body"), offset}, "JSON decode error"};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(validation_errors)

BOOST_AUTO_TEST_CASE(new_errors_are_empty_and_serialize_to_an_empty_detail_list) {
    ValidationErrors errors;
    BOOST_TEST(errors.empty());
    BOOST_TEST(boost::json::serialize(errors.to_json()) == R"({"detail":[]})");
}

BOOST_AUTO_TEST_CASE(issues_are_kept_in_the_order_added) {
    ValidationErrors errors;
    errors.add("missing", {std::string("body"), std::string("repo")}, "Field required");
    errors.add("bool_type", {std::string("body"), std::string("private")}, "Input should be a valid boolean");
    BOOST_TEST(!errors.empty());
    BOOST_REQUIRE_EQUAL(errors.issues().size(), 2u);
    BOOST_TEST(errors.issues()[0].type == "missing");
    BOOST_TEST(errors.issues()[1].type == "bool_type");
}

BOOST_AUTO_TEST_CASE(to_json_has_fastapi_shape_with_string_and_integer_loc_items) {
    ValidationErrors errors;
    errors.add("missing", {std::string("body"), std::string("repo"), std::string("owner")}, "Field required");
    errors.add("string_type",
               {std::string("body"), std::string("updatedRefs"), std::size_t{0}, std::string("ref")},
               "Input should be a valid string");
    BOOST_TEST(boost::json::serialize(errors.to_json()) ==
               R"({"detail":[{"type":"missing","loc":["body","repo","owner"],"msg":"Field required"},)"
               R"({"type":"string_type","loc":["body","updatedRefs",0,"ref"],)"
               R"("msg":"Input should be a valid string"}]})");
}

BOOST_AUTO_TEST_CASE(valid_json_body_is_parsed_into_out) {
    ValidationErrors errors;
    boost::json::value out;
    BOOST_TEST(cohook::parse_json_body(" {\"a\": [1, true, null]}\r\n", out, errors));
    BOOST_TEST(errors.empty());
    BOOST_TEST(boost::json::serialize(out) == R"({"a":[1,true,null]})");
}

BOOST_AUTO_TEST_CASE(empty_body_is_missing_at_body) {
    BOOST_TEST((rejected("") == ValidationIssue{"missing", {std::string("body")}, "Field required"}));
}

BOOST_AUTO_TEST_CASE(whitespace_only_body_is_missing_at_body) {
    BOOST_TEST((rejected(" \r\n\t ") == ValidationIssue{"missing", {std::string("body")}, "Field required"}));
}

BOOST_AUTO_TEST_CASE(invalid_json_is_json_invalid_at_the_byte_offset_of_the_error) {
    BOOST_TEST((rejected(R"({"a":})") == json_invalid_at(5)));         // value expected
    BOOST_TEST((rejected(R"({'a':1})") == json_invalid_at(1)));        // single quotes
    BOOST_TEST((rejected("[1,2,]") == json_invalid_at(5)));            // trailing comma
    BOOST_TEST((rejected("nul") == json_invalid_at(3)));               // truncated literal
    BOOST_TEST((rejected(R"({"a":)") == json_invalid_at(5)));          // truncated document
    BOOST_TEST((rejected("{\"a\":\"\xff\"}") == json_invalid_at(6)));  // not UTF-8
}

BOOST_AUTO_TEST_CASE(extra_data_after_the_document_is_json_invalid_where_it_starts) {
    BOOST_TEST((rejected(R"({"a":1} x)") == json_invalid_at(8)));
    BOOST_TEST((rejected(R"({"a":1}})") == json_invalid_at(7)));
}

BOOST_AUTO_TEST_CASE(json_invalid_serializes_like_fastapi) {
    ValidationErrors errors;
    boost::json::value out;
    BOOST_TEST(!cohook::parse_json_body("{]", out, errors));
    BOOST_TEST(boost::json::serialize(errors.to_json()) ==
               R"({"detail":[{"type":"json_invalid","loc":["body",1],"msg":"JSON decode error"}]})");
}

BOOST_AUTO_TEST_CASE(nesting_deeper_than_the_default_max_depth_is_json_invalid) {
    const std::string deep = std::string(64, '[') + std::string(64, ']');
    BOOST_TEST(rejected(deep).type == "json_invalid");
}

BOOST_AUTO_TEST_SUITE_END()
