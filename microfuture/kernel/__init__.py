"""The shared kernel: values and helpers every app may use; it imports no app of ours."""
