"""The course: its typed model, how it is loaded from source and how it is checked."""
