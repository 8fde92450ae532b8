package components

// Defaults, documented on the argument fields.
const (
	defaultVpcCidr             = "10.0.0.0/16"
	defaultAzCount             = 2
	defaultContainerName       = "app"
	defaultContainerPort       = 8080
	defaultStopTimeout         = 30
	defaultCpu                 = 256
	defaultMemory              = 512
	defaultDesiredCount        = 1
	defaultMinHealthyPercent   = 100
	defaultMaxPercent          = 200
	defaultGracePeriod         = 60
	defaultTagMutability       = "MUTABLE"
	defaultKeepImages          = 10
	defaultIdleTimeout         = 60
	defaultDeregistrationDelay = 30
	defaultHealthPath          = "/healthz"
	defaultHealthMatcher       = "200-399"
	defaultHealthInterval      = 15
	defaultHealthTimeout       = 5
	defaultHealthyThreshold    = 2
	defaultUnhealthyThreshold  = 3
	defaultLogRetentionDays    = 30
	defaultSslPolicy           = "ELBSecurityPolicy-TLS13-1-2-2021-06"
	defaultLogExpirationDays   = 90
)
