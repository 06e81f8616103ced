// A fault-injecting reverse proxy in front of the real kube-apiserver (see main.go). Standard
// library only, so it builds in seconds and never needs the big ks-cluster binary rebuilt.
module ks.test/faultproxy

go 1.26.0
