"""The dump corpus: invented reports printed and extracted by real tools, and their structure score."""
