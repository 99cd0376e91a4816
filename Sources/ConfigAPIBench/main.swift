print("config-api-bench")
