"""HTTP blueprints: pages, the JSON API, staff sign-in, exports."""
