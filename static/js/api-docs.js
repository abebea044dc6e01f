// Swagger UI on the API's schema (/daten/api/interaktiv/). A file, not an inline script: the
// site's Content-Security-Policy allows scripts from its own address only.
document.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("swagger-ui");
  if (!element || !window.SwaggerUIBundle) return;
  element.hidden = false;
  window.SwaggerUIBundle({
    url: element.dataset.schema,
    domNode: element,
    // Swagger UI would send the schema to validator.swagger.io for a badge: another host.
    validatorUrl: null,
    deepLinking: false,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    // The API only reads.
    supportedSubmitMethods: ["get"],
  });
});
