package check

// Defaults, documented on the argument fields.
const (
	DefaultVpcCidr             = "10.0.0.0/16"
	DefaultAzCount             = 2
	DefaultContainerName       = "app"
	DefaultContainerPort       = 8080
	DefaultStopTimeout         = 30
	DefaultCpu                 = 256
	DefaultMemory              = 512
	DefaultDesiredCount        = 1
	DefaultMinHealthyPercent   = 100
	DefaultMaxPercent          = 200
	DefaultGracePeriod         = 60
	DefaultTagMutability       = "MUTABLE"
	DefaultKeepImages          = 10
	DefaultIdleTimeout         = 60
	DefaultDeregistrationDelay = 30
	DefaultHealthPath          = "/healthz"
	DefaultHealthMatcher       = "200-399"
	DefaultHealthInterval      = 15
	DefaultHealthTimeout       = 5
	DefaultHealthyThreshold    = 2
	DefaultUnhealthyThreshold  = 3
	DefaultLogRetentionDays    = 30
	DefaultSslPolicy           = "ELBSecurityPolicy-TLS13-1-2-2021-06"
	DefaultLogExpirationDays   = 90
)
