"""The CLI commands: each a thin click function that calls the pipeline or a domain package."""
