"""Errors as answers a client or a person can act on.

* `body`: the JSON error shape (`ErrorOut`), `ApiError` for routes, and the OpenAPI responses.
* `http`: 404/405 and other HTTP errors, as an HTML page on page paths and JSON under the API.
* `handlers`: `install(app)`, which turns every kind of exception into its status code, so no
  route formats an error body itself.
"""
