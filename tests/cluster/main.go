// Command ks-cluster is a multi-call binary holding a real Kubernetes control plane for ks's tests:
// one link instead of five. The first argument (or argv[0]'s base name) picks the component:
//
//	ks-cluster etcd --data-dir DIR --listen-client-url http://127.0.0.1:PORT --listen-peer-url http://127.0.0.1:PORT
//	ks-cluster kube-apiserver|kube-controller-manager|kube-scheduler|kubectl [upstream flags...]
//
// Every component except etcd is upstream's own cobra command, run exactly as its upstream main does.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	_ "time/tzdata" // CronJob time zones, as upstream's mains import it

	"k8s.io/component-base/cli"
	"k8s.io/component-base/logs"
	_ "k8s.io/component-base/logs/json/register"
	_ "k8s.io/component-base/metrics/prometheus/clientgo"
	_ "k8s.io/component-base/metrics/prometheus/version"
	kubectlcmd "k8s.io/kubectl/pkg/cmd"
	kubectlutil "k8s.io/kubectl/pkg/cmd/util"
	apiserver "k8s.io/kubernetes/cmd/kube-apiserver/app"
	controllermanager "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	scheduler "k8s.io/kubernetes/cmd/kube-scheduler/app"
)

const usage = "usage: ks-cluster etcd|kube-apiserver|kube-controller-manager|kube-scheduler|kubectl [flags...]"

func main() {
	name := filepath.Base(os.Args[0])
	args := os.Args[1:]
	if !isComponent(name) {
		if len(args) == 0 {
			fmt.Fprintln(os.Stderr, usage)
			os.Exit(2)
		}
		name, args = args[0], args[1:]
	}
	// Upstream's commands read os.Args[1:] themselves; present them as if run under their own name.
	os.Args = append([]string{name}, args...)
	os.Exit(run(name))
}

func isComponent(name string) bool {
	switch name {
	case "etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubectl":
		return true
	}
	return false
}

func run(name string) int {
	switch name {
	case "etcd":
		return runEtcd(os.Args[1:])
	case "kube-apiserver":
		return cli.Run(apiserver.NewAPIServerCommand())
	case "kube-controller-manager":
		return cli.Run(controllermanager.NewControllerManagerCommand())
	case "kube-scheduler":
		return cli.Run(scheduler.NewSchedulerCommand())
	case "kubectl":
		logs.GlogSetter(kubectlcmd.GetLogVerbosity(os.Args)) // nolint:errcheck
		if err := cli.RunNoErrOutput(kubectlcmd.NewDefaultKubectlCommand()); err != nil {
			kubectlutil.CheckErr(err)
		}
		return 0
	}
	fmt.Fprintf(os.Stderr, "ks-cluster: unknown component %q\n%s\n", name, usage)
	return 2
}
