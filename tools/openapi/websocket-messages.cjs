// A Redocly plugin (redocly.yaml) that teaches the linter the one extension
// http/web/openapi.json uses: an operation's `x-websocket-messages`, the
// JSON messages of GET /api/vacancy/live (OpenAPI 3.0 cannot describe a
// WebSocket). With it the linter walks those schemas like any other: their
// $refs count as uses (no-unused-components) and their structure is checked.
module.exports = function websocketMessages() {
  return {
    id: "hoyo",
    typeExtension: {
      oas3(types) {
        return {
          ...types,
          Operation: {
            ...types.Operation,
            properties: {
              ...types.Operation.properties,
              "x-websocket": { type: "boolean" },
              "x-websocket-messages": "XWebSocketMessages",
            },
          },
          XWebSocketMessages: {
            properties: {
              client: "Schema",
              server: "XWebSocketServerMessages",
            },
            required: ["client", "server"],
          },
          XWebSocketServerMessages: { properties: {}, items: "Schema" },
        };
      },
    },
  };
};
