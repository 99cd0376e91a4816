import ArgumentParser
import YAMLPatch
import GitOps

print("config-api")
