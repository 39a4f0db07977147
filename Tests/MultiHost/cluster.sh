#!/usr/bin/env bash
# A cluster of two "nodes" on this machine, for the multi-host test: each node is a network
# namespace (its own interfaces, addresses and TCP ports), a UTS namespace (its own host name)
# and a mount namespace in which the node's own directory is mounted at one shared path (as a
# node-local scratch disk would be). The nodes are joined by a veth link, so MPI traffic
# between them crosses a real (virtual) network. Needs root.
#
#   cluster.sh up NAME DIR        create nodes NAME-a (10.213.0.1) and NAME-b (10.213.0.2);
#                                 DIR/node-a and DIR/node-b become each node's DIR/node
#   cluster.sh run NAME DIR NODE COMMAND...   run COMMAND on a node (a or b, or its address)
#   cluster.sh agent NAME DIR HOST COMMAND... the launchers' remote-shell agent (Open MPI's
#                                 plm_rsh_agent, Hydra's -launcher-exec): runs COMMAND, a shell
#                                 command line, on HOST
#   cluster.sh bytes NAME NODE    bytes the node's link has sent and received
#   cluster.sh down NAME          remove the nodes
set -euo pipefail

action=$1 name=$2
node_of() {
  case "$1" in a | 10.213.0.1 | node-a) echo a ;; b | 10.213.0.2 | node-b) echo b ;; *) echo "cluster.sh: unknown node $1" >&2; exit 2 ;; esac
}

case "$action" in
up)
  dir=$3
  "$0" down "$name" 2>/dev/null || true
  for node in a b; do ip netns add "$name-$node"; mkdir -p "$dir/node-$node" "$dir/node"; done
  ip link add "$name-a0" type veth peer name "$name-b0"
  ip link set "$name-a0" netns "$name-a"
  ip link set "$name-b0" netns "$name-b"
  ip -n "$name-a" addr add 10.213.0.1/24 dev "$name-a0"
  ip -n "$name-b" addr add 10.213.0.2/24 dev "$name-b0"
  for node in a b; do
    ip -n "$name-$node" link set lo up
    ip -n "$name-$node" link set "$name-${node}0" up
  done
  ;;
run)
  dir=$3 node=$(node_of "$4")
  shift 4
  exec ip netns exec "$name-$node" unshare --uts --mount --propagation private sh -c \
    'hostname "node-$1" && mount --bind "$2/node-$1" "$2/node" && shift 2 && exec "$@"' sh "$node" "$dir" "$@"
  ;;
agent)
  dir=$3 node=$(node_of "$4")
  shift 4
  # Like ssh: the words are one command line for a shell on the other node.
  exec "$0" run "$name" "$dir" "$node" sh -c "$*"
  ;;
bytes)
  node=$(node_of "$3")
  ip -n "$name-$node" -s link show "$name-${node}0" | awk '/RX:/ {getline; rx=$1} /TX:/ {getline; tx=$1} END {print rx + tx}'
  ;;
down)
  for node in a b; do ip netns del "$name-$node" 2>/dev/null || true; done
  ;;
*)
  echo "cluster.sh: unknown action $action" >&2
  exit 2
  ;;
esac
