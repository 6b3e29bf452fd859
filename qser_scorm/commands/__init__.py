"""Commands: each runs the pipeline stages for one CLI verb."""
