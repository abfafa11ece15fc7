#include <catch2/catch.hpp>

#include "support/json_writer.h"

using namespace inkset;

TEST_CASE("json: nested containers get commas and escapes", "[support][json]") {
  JsonWriter w;
  w.begin_object().key("a").value(1).key("s").value("q\"\\\n\x01").key("l").begin_array();
  w.value(true).value(1.5).begin_object().end_object().end_array().end_object();
  CHECK(w.str() == "{\"a\":1,\"s\":\"q\\\"\\\\\\n\\u0001\",\"l\":[true,1.50,{}]}");
}
