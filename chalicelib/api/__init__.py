"""HTTP layer: Chalice blueprints. Handlers parse, authorise, call a service and shape the response."""
