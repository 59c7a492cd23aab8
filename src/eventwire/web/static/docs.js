// The OpenAPI page at /docs, from the vendored Swagger UI (no CDN, no inline script).
window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true});
