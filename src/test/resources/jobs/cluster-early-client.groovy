// Counts, while the file is read, this JVM's Hazelcast clients of the member at params.member: with --cluster there,
// the run's client exists already.
import com.hazelcast.client.HazelcastClient

params member: ''
int clients = HazelcastClient.allHazelcastClients.count { it.clientConfig.networkConfig.addresses.contains(params.member) }
executor 'grid', cluster(slots: 1)
task 'clients', on: 'grid', { "clients while the file was read: ${clients}" }
